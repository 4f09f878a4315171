using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <param name="Logs">The run's log lines, oldest first, at most <see cref="LogLimit"/> of them.</param>
/// <param name="Now">When the page was made (UTC): where the timeline's running attempts end.</param>
/// <param name="Paused">Whether the run's pipeline is paused.</param>
/// <param name="WaitsForPause">Queued only because the pipeline is paused: it can be started by hand.</param>
/// <param name="Audit">Changes operators made to the run, and to its backfill as a whole, newest first.</param>
public sealed record RunPageModel(
    RunDetail Run,
    IReadOnlyList<LogLineView> Logs,
    int LogLimit,
    PageAlert? Alert,
    DateTime Now,
    bool Paused,
    bool WaitsForPause,
    IReadOnlyList<AuditEntry> Audit)
{
    /// <summary>Whether the caller may cancel, start and resume it: its buttons are drawn only then.</summary>
    public bool MayOperate { get; init; }
}
