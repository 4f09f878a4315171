using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Dashboard;

/// <param name="Shown">The run the graph colours its tasks by (picked in the grid, else the latest), or null.</param>
/// <param name="ShownStates">That run's task states by task.</param>
/// <param name="Days">The pipeline's partition bounds, for a partitioned pipeline.</param>
/// <param name="Calendar">Every day from the first partition to today, oldest first, for a partitioned pipeline.</param>
/// <param name="Backfills">Its latest backfills, newest first (the page shows a few and links to the rest).</param>
/// <param name="Form">A refused form to show again with what was typed, or null.</param>
public sealed record PipelinePageModel(
    PipelineView Pipeline,
    RunGrid Grid,
    RunSummary? Shown,
    IReadOnlyDictionary<string, TaskState>? ShownStates,
    PartitionDays? Days,
    IReadOnlyList<PartitionStatus>? Calendar,
    RunSlice RecentRuns,
    Page<BackfillSummary> Backfills,
    PageAlert? Alert,
    SubmittedForm? Form)
{
    /// <summary>Whether the caller may run, backfill and pause it: its forms are drawn only then.</summary>
    public bool MayOperate { get; init; }

    /// <summary>True while any run of the pipeline is under way: the page then keeps itself fresh.</summary>
    public bool Live => RecentRuns.Items.Any(r => !r.State.IsTerminal()) || Grid.Runs.Any(r => !r.Run.State.IsTerminal());
}
