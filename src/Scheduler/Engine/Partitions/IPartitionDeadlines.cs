using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Partitions;

/// <summary>
/// Says when a day that has not succeeded counts as late. This is the seam for partition deadlines (SLAs):
/// the engine registers <see cref="NoPartitionDeadlines"/> unless something else registered an implementation
/// first, and every reader of partition states (the API, the calendar, the overview's count) goes through it.
/// </summary>
public interface IPartitionDeadlines
{
    /// <param name="latest">The state of the day's latest run, or <see cref="PartitionState.NeverRun"/>.</param>
    bool IsLate(PipelineDefinition pipeline, DateOnly day, PartitionState latest, DateTimeOffset now);
}

/// <summary>No pipeline has a deadline yet, so no day is ever late.</summary>
public sealed class NoPartitionDeadlines : IPartitionDeadlines
{
    public bool IsLate(PipelineDefinition pipeline, DateOnly day, PartitionState latest, DateTimeOffset now) => false;
}
