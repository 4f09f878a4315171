namespace Pipeline.Connectors.Lake;

/// <summary>
/// The data lake: named buckets of objects (S3 or MinIO when <c>Lake:Endpoint</c> is set, else a local
/// folder). Chosen once at start-up (see <see cref="LakeFactory"/>); code that uses it never branches on the mode.
/// </summary>
public interface ILake
{
    /// <summary>Where the lake lives, for the start-up log line: never a secret.</summary>
    string Description { get; }

    /// <summary>
    /// A bucket by name (3-63 characters: lowercase letters, digits, '-' and '.'). Cheap: nothing is created
    /// until the first write, which creates the bucket when it is missing. Reads of a missing bucket find nothing.
    /// </summary>
    /// <exception cref="InvalidLakeKeyException">The name is not a valid bucket name.</exception>
    ILakeBucket Bucket(string name);

    /// <summary>Returns when the lake answers now (for health probes): one request, no retries; throws otherwise.</summary>
    Task ProbeAsync(CancellationToken ct);
}
