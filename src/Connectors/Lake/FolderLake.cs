namespace Pipeline.Connectors.Lake;

/// <summary>
/// The lake of embedded mode: one folder per bucket under a root folder, one file per object, so the lake
/// can be browsed with any file manager. Writes go to a staging folder first and are moved into place.
/// </summary>
public sealed class FolderLake : ILake
{
    /// <summary>Staging for writes in progress; a name no bucket can have, on the same volume as the buckets.</summary>
    public const string StagingFolder = ".staging";

    public FolderLake(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, StagingFolder));
    }

    public string Root { get; }

    public string Description => $"local folder {Root}";

    public ILakeBucket Bucket(string name) => new FolderLakeBucket(this, LakeKeys.ValidateBucket(name));

    public Task ProbeAsync(CancellationToken ct) =>
        Directory.Exists(Root) ? Task.CompletedTask : throw new LakeException($"The lake folder {Root} does not exist.");
}
