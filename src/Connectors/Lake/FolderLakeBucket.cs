using System.Runtime.CompilerServices;

namespace Pipeline.Connectors.Lake;

/// <summary>A bucket of the <see cref="FolderLake"/>: a folder; a key's '/' segments are its sub-folders.</summary>
internal sealed class FolderLakeBucket(FolderLake lake, string name) : ILakeBucket
{
    private readonly string _folder = Path.Combine(lake.Root, name);

    public string Name { get; } = name;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(LakeKeys.ValidateKey(key));
        var staging = Path.Combine(lake.Root, FolderLake.StagingFolder, $"{Guid.NewGuid():N}.part");
        Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
        try
        {
            await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, cancellationToken);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(staging, path, overwrite: true);
            }
            catch (IOException e)
            {
                // The local folder cannot hold an object "a/b" and another "a/b/c": one would be a file and a folder.
                throw new LakeException($"Cannot write '{key}' in lake bucket '{Name}': {e.Message} " +
                                        "(on the local folder a key cannot also be the folder of another key).", e);
            }
        }
        finally
        {
            File.Delete(staging);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(LakeKeys.ValidateKey(key));
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (!File.Exists(path)) throw new LakeObjectNotFoundException(Name, key);
            // FileShare.Delete: a concurrent re-write (a move over this file) does not fail, and this reader
            // keeps the version it opened.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LakeObjectNotFoundException(Name, key);
        }
    }

    public Task<LakeObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(LakeKeys.ValidateKey(key)));
        return Task.FromResult(file.Exists ? Info(key, file) : null);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await StatAsync(key, cancellationToken) is not null;

    public async IAsyncEnumerable<LakeObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in List(LakeKeys.ValidatePrefix(prefix)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(LakeKeys.ValidateKey(key));
        if (File.Exists(path))
        {
            File.Delete(path);
            RemoveEmptyFolders(Path.GetDirectoryName(path)!);
        }
        return Task.CompletedTask;
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        if (LakeKeys.ValidatePrefix(prefix).Length == 0)
            throw new InvalidLakeKeyException(nameof(prefix), prefix, "deleting by prefix needs a non-empty prefix.");
        var deleted = 0;
        foreach (var item in List(prefix))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = PathOf(item.Key);
            File.Delete(path);
            RemoveEmptyFolders(Path.GetDirectoryName(path)!);
            deleted++;
        }
        return Task.FromResult(deleted);
    }

    private List<LakeObjectInfo> List(string prefix)
    {
        // Only the folder the prefix names (up to its last '/') can hold matching keys.
        var folderPart = prefix.LastIndexOf('/') is var slash and >= 0 ? prefix[..slash] : "";
        var start = folderPart.Length == 0 ? _folder : PathOf(folderPart);
        if (!Directory.Exists(start)) return [];

        return new DirectoryInfo(start)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(file => (file, key: Path.GetRelativePath(_folder, file.FullName).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => f.key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => Info(f.key, f.file))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Keeps the tree tidy after a delete, so a re-run's listing shows no empty folders of old partitions.</summary>
    private void RemoveEmptyFolders(string folder)
    {
        while (folder.Length > _folder.Length && folder.StartsWith(_folder, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any()) return;
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // a concurrent write just put something there, or it is already gone
            }
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private string PathOf(string validKey)
    {
        var path = Path.GetFullPath(Path.Combine(_folder, validKey.Replace('/', Path.DirectorySeparatorChar)));
        // Validation already rules out '..'; this is the last line of defence against leaving the bucket.
        if (!path.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidLakeKeyException("key", validKey, "it leads outside the bucket.");
        return path;
    }

    private static LakeObjectInfo Info(string key, FileInfo file) =>
        new(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
}
