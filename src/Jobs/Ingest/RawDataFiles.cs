using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;

namespace Pipeline.Jobs.Ingest;

/// <summary>
/// Accepted payloads as Parquet files in the lake bucket raw-data, one file per request, under
/// <c>{tag}/date=yyyy-MM-dd/{time}-{id}.parquet</c>: written before the request is answered, read back by
/// the ingest pipeline's load task.
/// </summary>
public sealed class RawDataFiles(ILake lake, TimeProvider clock)
{
    public const string Bucket = "raw-data";

    private ILakeBucket RawData => lake.Bucket(Bucket);

    /// <summary>Writes the rows as one new file and returns its key once the lake holds it whole.</summary>
    public async Task<string> WriteAsync(IReadOnlyList<IngestRow> rows, string tag, CancellationToken ct)
    {
        var received = clock.GetUtcNow();
        var key = $"{tag}/date={received:yyyy-MM-dd}/{received:HHmmssfff}-{Guid.NewGuid():N}.parquet";
        await WriteAsync(key, rows, tag, received, ct);
        return key;
    }

    /// <summary>
    /// The file of a request sent with an idempotency key: its name comes from the key (hashed), and it is
    /// written only by the first request, so a client's retry finds it and loads nothing twice.
    /// </summary>
    public async Task<string> WriteOnceAsync(string idempotencyHash, IReadOnlyList<IngestRow> rows, string tag, CancellationToken ct)
    {
        var key = $"{tag}/idempotent/{idempotencyHash}.parquet";
        if (!await RawData.ExistsAsync(key, ct)) await WriteAsync(key, rows, tag, clock.GetUtcNow(), ct);
        return key;
    }

    private async Task WriteAsync(string key, IReadOnlyList<IngestRow> rows, string tag, DateTimeOffset received, CancellationToken ct)
    {
        var fileRows = rows.Select((r, i) => new IngestFileRow
        {
            SourceRow = i,
            Date = r.Date,
            Dados = r.Dados,
            Tag = tag,
            ReceivedAt = received.UtcDateTime,
            DadoLinha = r.Json,
        });
        await RawData.PutParquetAsync(key, fileRows, ct);
    }

    public async Task<IReadOnlyList<IngestFileRow>> ReadAsync(string key, CancellationToken ct)
    {
        var rows = await RawData.ReadParquetAsync<IngestFileRow>(key, ct);
        foreach (var row in rows) row.ReceivedAt = DateTime.SpecifyKind(row.ReceivedAt, DateTimeKind.Utc);
        return rows.ToList();
    }
}
