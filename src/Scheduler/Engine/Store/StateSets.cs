namespace Pipeline.Scheduler.Engine.Store;

public static class StateSets
{
    public static readonly TaskState[] TerminalTasks =
        [TaskState.Succeeded, TaskState.Failed, TaskState.UpstreamFailed, TaskState.Cancelled];

    public static readonly TaskState[] NotStartedTasks = [TaskState.Pending, TaskState.Queued, TaskState.UpForRetry];

    public static readonly RunState[] TerminalRuns = [RunState.Succeeded, RunState.Failed, RunState.Cancelled];

    public static bool IsTerminal(this TaskState state) => TerminalTasks.Contains(state);

    public static bool IsTerminal(this RunState state) => TerminalRuns.Contains(state);
}
