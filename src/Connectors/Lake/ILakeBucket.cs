namespace Pipeline.Connectors.Lake;

/// <summary>
/// Objects in one bucket, addressed by keys such as <c>bronze/data/date=2024-10-01/raw.json</c>: segments
/// separated by '/', none empty, none '.' or '..' (see <see cref="LakeKeys"/>). A key that breaks these rules
/// throws <see cref="InvalidLakeKeyException"/> before anything is touched. Every call has a timeout, and
/// transient failures are retried a bounded number of times before a <see cref="LakeException"/>.
/// </summary>
public interface ILakeBucket
{
    string Name { get; }

    /// <summary>
    /// Writes the object from the stream's current position to its end, replacing any object under the key.
    /// Readers see the old object or the new one, never part of it. The stream is not disposed.
    /// </summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the object for reading: a seekable stream positioned at 0 that the caller disposes. Large objects
    /// are spooled to a temporary file, never held whole in memory.
    /// </summary>
    /// <exception cref="LakeObjectNotFoundException">No object under the key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>The object's size and time of last change, or null when there is no object under the key.</summary>
    Task<LakeObjectInfo?> StatAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Every object whose key starts with the prefix, at any depth, in ordinal key order. An empty prefix lists
    /// the whole bucket; "a/b/" lists what is under the folder a/b, "a/b" also a/bc.
    /// </summary>
    IAsyncEnumerable<LakeObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Removes the object; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every object whose key starts with the prefix (as <see cref="ListAsync"/> finds them) and says
    /// how many there were. An empty prefix is refused: emptying a bucket must be asked for by name.
    /// </summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
