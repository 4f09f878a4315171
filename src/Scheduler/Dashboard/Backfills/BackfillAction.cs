namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>What the backfill page's buttons ask of a backfill.</summary>
public enum BackfillAction
{
    Cancel,
    RetryFailed,
}
