using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <param name="Logs">The run's log lines, oldest first, at most <see cref="LogLimit"/> of them.</param>
public sealed record RunPageModel(RunDetail Run, IReadOnlyList<LogLineView> Logs, int LogLimit, PageAlert? Alert);
