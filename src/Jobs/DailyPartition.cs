namespace Pipeline.Jobs;

/// <summary>
/// One day of data in the pipeline's time zone. <see cref="Start"/> and <see cref="End"/> are the
/// instants that bound it (End exclusive), so a daylight-saving day spans 23 or 25 hours.
/// </summary>
public sealed record DailyPartition(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public override string ToString() => Date.ToString("yyyy-MM-dd");
}
