namespace Pipeline.Jobs.Ingest;

/// <summary>Why a payload was refused, naming the field ("date", "[3].dados", "body").</summary>
public sealed record IngestPayloadError(string Field, string Message);
