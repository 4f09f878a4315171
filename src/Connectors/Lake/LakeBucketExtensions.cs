using System.Text;

namespace Pipeline.Connectors.Lake;

/// <summary>Small objects in one call: bytes and UTF-8 text.</summary>
public static class LakeBucketExtensions
{
    public static async Task PutBytesAsync(this ILakeBucket bucket, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await bucket.PutAsync(key, stream, cancellationToken);
    }

    public static Task PutTextAsync(this ILakeBucket bucket, string key, string text, CancellationToken cancellationToken) =>
        bucket.PutBytesAsync(key, Encoding.UTF8.GetBytes(text), cancellationToken);

    public static async Task<byte[]> ReadBytesAsync(this ILakeBucket bucket, string key, CancellationToken cancellationToken)
    {
        await using var stream = await bucket.OpenReadAsync(key, cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    public static async Task<string> ReadTextAsync(this ILakeBucket bucket, string key, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await bucket.ReadBytesAsync(key, cancellationToken));
}
