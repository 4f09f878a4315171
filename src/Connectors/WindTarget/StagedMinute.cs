namespace Pipeline.Connectors.WindTarget;

/// <summary>A minute of wind speed and power as extracted, on its way through the ETL.</summary>
public sealed record StagedMinute(DateTime Timestamp, double? WindSpeed, double? Power);
