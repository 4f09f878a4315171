using System.Collections.Frozen;

namespace Pipeline.Scheduler.Engine.Store;

public static class StateSets
{
    public static readonly FrozenSet<TaskState> TerminalTasks =
        new[] { TaskState.Succeeded, TaskState.Failed, TaskState.UpstreamFailed, TaskState.Cancelled }.ToFrozenSet();

    public static readonly FrozenSet<TaskState> NotStartedTasks =
        new[] { TaskState.Pending, TaskState.Queued, TaskState.UpForRetry }.ToFrozenSet();

    public static readonly FrozenSet<RunState> TerminalRuns =
        new[] { RunState.Succeeded, RunState.Failed, RunState.Cancelled }.ToFrozenSet();

    public static bool IsTerminal(this TaskState state) => TerminalTasks.Contains(state);

    public static bool IsTerminal(this RunState state) => TerminalRuns.Contains(state);
}
