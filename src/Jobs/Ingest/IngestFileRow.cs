using System.Text.Json.Serialization;

namespace Pipeline.Jobs.Ingest;

/// <summary>
/// The Parquet file one accepted request becomes in the lake bucket raw-data: one row per object, with the two
/// required fields typed, the tag, when it was received, and the object as JSON (so extra fields survive).
/// </summary>
public sealed class IngestFileRow
{
    [JsonPropertyName("source_row")] public int SourceRow { get; set; }
    [JsonPropertyName("date")] public long Date { get; set; }
    [JsonPropertyName("dados")] public long Dados { get; set; }
    [JsonPropertyName("tag")] public string? Tag { get; set; }
    [JsonPropertyName("received_at")] public DateTime ReceivedAt { get; set; }
    [JsonPropertyName("dado_linha")] public string DadoLinha { get; set; } = "";
}
