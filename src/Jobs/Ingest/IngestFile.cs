using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace Pipeline.Jobs.Ingest;

/// <summary>
/// The Parquet file one accepted request becomes in the lake: one row per object, with the two required
/// fields typed, the tag, when it was received, and the object as JSON (so extra fields survive).
/// </summary>
public static class IngestFile
{
    public sealed class Row
    {
        [JsonPropertyName("source_row")] public int SourceRow { get; set; }
        [JsonPropertyName("date")] public long Date { get; set; }
        [JsonPropertyName("dados")] public long Dados { get; set; }
        [JsonPropertyName("tag")] public string? Tag { get; set; }
        [JsonPropertyName("received_at")] public DateTime ReceivedAt { get; set; }
        [JsonPropertyName("dado_linha")] public string DadoLinha { get; set; } = "";
    }

    public static async Task<byte[]> WriteAsync(IReadOnlyList<IngestRow> rows, string tag, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var received = receivedAt.UtcDateTime;
        var parquetRows = rows.Select((r, i) => new Row
        {
            SourceRow = i,
            Date = r.Date,
            Dados = r.Dados,
            Tag = tag,
            ReceivedAt = received,
            DadoLinha = r.Json,
        });
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(parquetRows, buffer, cancellationToken: ct);
        return buffer.ToArray();
    }

    public static async Task<IReadOnlyList<Row>> ReadAsync(Stream file, CancellationToken ct)
    {
        var rows = (await ParquetSerializer.DeserializeAsync<Row>(file, cancellationToken: ct)).Data;
        foreach (var row in rows) row.ReceivedAt = DateTime.SpecifyKind(row.ReceivedAt, DateTimeKind.Utc);
        return rows.ToList();
    }
}
