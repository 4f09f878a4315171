namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>A cron expression (Hangfire's syntax) evaluated in a time zone.</summary>
public sealed record CronSchedule(string Cron, TimeZoneInfo TimeZone);
