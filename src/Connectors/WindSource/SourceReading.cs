namespace Pipeline.Connectors.WindSource;

/// <summary>One minute of the turbine's measurements, as the source database keeps it (UTC, nulls allowed).</summary>
public sealed record SourceReading(DateTime Timestamp, double? WindSpeed, double? Power, double? AmbientTemperature);
