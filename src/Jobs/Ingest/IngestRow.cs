namespace Pipeline.Jobs.Ingest;

/// <summary>
/// One accepted object of a POST /data body: its two required fields, and the whole object as compact
/// JSON (extra fields included), which is what lands in working_data.dado_linha.
/// </summary>
public sealed record IngestRow(long Date, long Dados, string Json);
