using System.Runtime.CompilerServices;
using Minio.DataModel.Args;

namespace Pipeline.Connectors.Lake;

/// <summary>A bucket of the <see cref="S3Lake"/>.</summary>
internal sealed class S3LakeBucket(S3Lake lake, string name) : ILakeBucket
{
    public string Name { get; } = name;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        LakeKeys.ValidateKey(key);
        await lake.EnsureBucketAsync(Name, cancellationToken);
        // S3 needs the length up front, and a retry needs to read the content again: spool what cannot seek.
        await using var spooled = content.CanSeek ? null : await SpoolFile.CopyFromAsync(content, cancellationToken);
        var source = spooled ?? content;
        var start = source.Position;
        var length = source.Length - start;
        await lake.RunAsync("put", Name, key, async token =>
        {
            source.Position = start;
            await lake.Client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(Name).WithObject(key)
                .WithStreamData(source).WithObjectSize(length)
                .WithContentType(ContentTypes.For(key)), token);
        }, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        LakeKeys.ValidateKey(key);
        var file = SpoolFile.Create();
        try
        {
            await lake.RunAsync("get", Name, key, async token =>
            {
                file.SetLength(0);
                if (!await S3ObjectDownload.TryCopyToAsync(lake.Client, Name, key, file, token))
                    throw new LakeObjectNotFoundException(Name, key);
            }, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public Task<LakeObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        LakeKeys.ValidateKey(key);
        return lake.RunAsync("stat", Name, key, async token =>
        {
            try
            {
                var stat = await lake.Client.StatObjectAsync(new StatObjectArgs().WithBucket(Name).WithObject(key), token);
                return new LakeObjectInfo(key, stat.Size, AsUtc(stat.LastModified));
            }
            catch (Exception e) when (S3Lake.IsNotFound(e))
            {
                return null;
            }
        }, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await StatAsync(key, cancellationToken) is not null;

    public async IAsyncEnumerable<LakeObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in await ListAllAsync(LakeKeys.ValidatePrefix(prefix), cancellationToken))
            yield return item;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        LakeKeys.ValidateKey(key);
        return lake.RunAsync("delete", Name, key, async token =>
        {
            try
            {
                await lake.Client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(Name).WithObject(key), token);
            }
            catch (Exception e) when (S3Lake.IsNotFound(e))
            {
                // Already gone: what was asked for.
            }
        }, cancellationToken);
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        if (LakeKeys.ValidatePrefix(prefix).Length == 0)
            throw new InvalidLakeKeyException(nameof(prefix), prefix, "deleting by prefix needs a non-empty prefix.");
        var keys = (await ListAllAsync(prefix, cancellationToken)).Select(i => i.Key).ToList();
        // One request per object, not S3's multi-object delete: s3rver answers that with InternalError when two
        // of the objects share a folder (it removes emptied folders concurrently). One at a time works everywhere.
        foreach (var key in keys)
            await DeleteAsync(key, cancellationToken);
        return keys.Count;
    }

    /// <summary>
    /// A recursive listing (no delimiter: s3rver misses objects two folders down when given one), read whole
    /// so that a failure part-way is retried from the start rather than yielding half a listing.
    /// </summary>
    private Task<List<LakeObjectInfo>> ListAllAsync(string prefix, CancellationToken cancellationToken) =>
        lake.RunAsync("list", Name, prefix, async token =>
        {
            var items = new List<LakeObjectInfo>();
            try
            {
                var args = new ListObjectsArgs().WithBucket(Name).WithPrefix(prefix).WithRecursive(true);
                await foreach (var item in lake.Client.ListObjectsEnumAsync(args, token))
                    if (!item.IsDir)
                        items.Add(new LakeObjectInfo(item.Key, (long)item.Size, AsUtc(item.LastModifiedDateTime ?? DateTime.UnixEpoch)));
            }
            catch (Exception e) when (S3Lake.IsNotFound(e))
            {
                return [];
            }
            items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return items;
        }, cancellationToken);

    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
