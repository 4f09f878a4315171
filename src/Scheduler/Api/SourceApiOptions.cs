namespace Pipeline.Scheduler.Api;

/// <summary>Limits of the source API (section "SourceApi").</summary>
public sealed class SourceApiOptions
{
    public const string Section = "SourceApi";

    /// <summary>The longest range one request may ask for.</summary>
    public int MaxRangeDays { get; set; } = 366;
}
