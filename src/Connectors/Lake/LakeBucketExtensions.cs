using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Connectors.Lake;

/// <summary>Small objects in one call: bytes and UTF-8 text.</summary>
public static class LakeBucketExtensions
{
    public static async Task PutBytesAsync(this ILakeBucket bucket, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // Over the caller's array when there is one: a batch is a megabyte or more, and a copy of it lands on the large object heap.
        using var stream = MemoryMarshal.TryGetArray(content, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await bucket.PutAsync(key, stream, cancellationToken);
    }

    public static Task PutTextAsync(this ILakeBucket bucket, string key, string text, CancellationToken cancellationToken) =>
        bucket.PutBytesAsync(key, Encoding.UTF8.GetBytes(text), cancellationToken);

    public static async Task<byte[]> ReadBytesAsync(this ILakeBucket bucket, string key, CancellationToken cancellationToken)
    {
        await using var stream = await bucket.OpenReadAsync(key, cancellationToken);
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        // The lakes hand back a spooled file or a file of their own: its length is known, so read it into one array of that size
        // instead of a growing buffer and a copy of it.
        var bytes = new byte[stream.Length - stream.Position];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    public static async Task<string> ReadTextAsync(this ILakeBucket bucket, string key, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await bucket.ReadBytesAsync(key, cancellationToken));

    /// <summary>
    /// After a day's objects were written again: deletes what else is under the prefix (objects an earlier run
    /// wrote that this one did not), so a re-run leaves no stale files. Returns how many were deleted.
    /// </summary>
    public static async Task<int> DeleteAllExceptAsync(this ILakeBucket bucket, string prefix, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        if (LakeKeys.ValidatePrefix(prefix).Length == 0)
            throw new InvalidLakeKeyException(nameof(prefix), prefix, "replacing needs a non-empty prefix.");
        var stale = await bucket.ListAsync(prefix, cancellationToken).Where(o => !keep.Contains(o.Key)).ToListAsync(cancellationToken);
        foreach (var item in stale)
            await bucket.DeleteAsync(item.Key, cancellationToken);
        return stale.Count;
    }
}
