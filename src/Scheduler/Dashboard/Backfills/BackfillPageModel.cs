using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <param name="Paused">Whether its pipeline is paused (its queued runs then wait).</param>
/// <param name="PipelineLimit">The pipeline's own limit on runs at once, for a backfill without a lower one.</param>
/// <param name="Running">Its running runs.</param>
/// <param name="Failed">Its first failed runs by day, at most <see cref="BackfillPageDispatcher.FailedShown"/>.</param>
/// <param name="Audit">Changes to it and to its runs, newest first.</param>
public sealed record BackfillPageModel(
    BackfillDetail Detail,
    bool Paused,
    int PipelineLimit,
    IReadOnlyList<RunSummary> Running,
    IReadOnlyList<RunSummary> Failed,
    IReadOnlyList<AuditEntry> Audit,
    PageAlert? Alert)
{
    public BackfillSummary Backfill => Detail.Backfill;

    /// <summary>Whether the caller may cancel and retry it: its buttons are drawn only then.</summary>
    public bool MayOperate { get; init; }

    /// <summary>True while runs are queued or running: the page then keeps itself fresh.</summary>
    public bool Live => Backfill.State is BackfillState.Queued or BackfillState.Running;

    public bool CanCancel => Runs(RunState.Queued) + Runs(RunState.Running) > 0;

    public bool CanRetry => Runs(RunState.Failed) + Runs(RunState.Cancelled) > 0;

    public int Runs(RunState state) => Backfill.RunsByState.GetValueOrDefault(state);
}
