using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <param name="Logs">The run's log lines, oldest first, at most <see cref="LogLimit"/> of them.</param>
/// <param name="Now">When the page was made (UTC): where the timeline's running attempts end.</param>
public sealed record RunPageModel(RunDetail Run, IReadOnlyList<LogLineView> Logs, int LogLimit, PageAlert? Alert, DateTime Now);
