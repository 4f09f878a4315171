using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>One row of the overview.</summary>
/// <param name="LastRuns">The latest runs, newest first.</param>
/// <param name="FailedDays">Days whose latest run failed; null for a pipeline without partitions.</param>
/// <param name="LateDays">Days past their deadline and not done; null for a pipeline without partitions.</param>
public sealed record PipelineRow(PipelineView Pipeline, IReadOnlyList<RunSummary> LastRuns, int? FailedDays, int? LateDays)
{
    /// <summary>Whether the caller may run it: its Run-now button is drawn only then.</summary>
    public bool MayOperate { get; init; }

    public bool HasFailures => FailedDays > 0 || LastRuns.FirstOrDefault()?.State == RunState.Failed;
}

/// <param name="Filter">The name filter typed, or empty.</param>
/// <param name="OnlyFailing">Only pipelines with failures.</param>
/// <param name="Total">How many pipelines there are before filtering.</param>
public sealed record PipelinesPageModel(IReadOnlyList<PipelineRow> Rows, int Total, string Filter, bool OnlyFailing, PageAlert? Alert)
{
    public bool Live => Rows.Any(r => r.LastRuns.Any(run => !run.State.IsTerminal()));
}
