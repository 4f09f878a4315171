namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// The order in which a pipeline's queued runs start: the higher first, then the oldest. A run someone asked for
/// goes ahead of a schedule's, which goes ahead of a backfill's, so a manual re-run of today does not wait behind
/// a year of history.
/// </summary>
public static class RunPriority
{
    public const int Backfill = 0;
    public const int Schedule = 50;
    public const int Manual = 100;

    public static int For(string trigger, Guid? backfillId) =>
        backfillId is not null ? Backfill : trigger == "schedule" ? Schedule : Manual;
}
