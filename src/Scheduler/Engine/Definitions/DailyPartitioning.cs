namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>A pipeline partitioned by calendar day in a time zone, from a first day on.</summary>
public sealed record DailyPartitioning(DateOnly Start, TimeZoneInfo TimeZone);
