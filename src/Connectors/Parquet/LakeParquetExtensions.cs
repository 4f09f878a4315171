using Parquet.Serialization;
using Pipeline.Connectors.Lake;

namespace Pipeline.Connectors.Parquet;

/// <summary>
/// Rows of a plain class as one Parquet object in the lake (Parquet.Net's serializer: one column per public
/// property). The file is built in a temporary file, not in memory, and reaches the lake whole or not at all.
/// </summary>
public static class LakeParquetExtensions
{
    public static async Task PutParquetAsync<T>(this ILakeBucket bucket, string key, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class, new()
    {
        LakeKeys.ValidateKey(key);
        await using var file = SpoolFile.Create();
        await ParquetSerializer.SerializeAsync(rows, file, cancellationToken: cancellationToken);
        file.Position = 0;
        await bucket.PutAsync(key, file, cancellationToken);
    }

    public static async Task<IList<T>> ReadParquetAsync<T>(this ILakeBucket bucket, string key, CancellationToken cancellationToken)
        where T : class, new()
    {
        await using var stream = await bucket.OpenReadAsync(key, cancellationToken);
        return (await ParquetSerializer.DeserializeAsync<T>(stream, cancellationToken: cancellationToken)).Data;
    }

    /// <summary>The rows and the file's column names, for callers that check a schema before trusting the rows.</summary>
    public static async Task<ParquetRows<T>> ReadParquetWithColumnsAsync<T>(this ILakeBucket bucket, string key, CancellationToken cancellationToken)
        where T : class, new()
    {
        await using var stream = await bucket.OpenReadAsync(key, cancellationToken);
        var result = await ParquetSerializer.DeserializeAsync<T>(stream, cancellationToken: cancellationToken);
        return new ParquetRows<T>(result.Data, result.Schema.Fields.Select(f => f.Name).ToList());
    }
}
