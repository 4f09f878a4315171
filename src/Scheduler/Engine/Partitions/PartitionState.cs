namespace Pipeline.Scheduler.Engine.Partitions;

/// <summary>
/// What a day of a partitioned pipeline looks like to its users: the state of the day's latest run, or why
/// there is none. The partition calendar colours days by it, and backfills can pick days by it.
/// </summary>
public enum PartitionState
{
    /// <summary>No run was ever made for the day.</summary>
    NeverRun,
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    /// <summary>Not succeeded, and past the time it was due (see <see cref="IPartitionDeadlines"/>).</summary>
    Late,
}
