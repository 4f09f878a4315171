using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Moves a running run forward after any change: pending tasks whose upstreams all succeeded are
/// claimed for execution, pending tasks below a failure become upstream-failed, and a run whose
/// tasks have all ended is finished. Works on rows loaded under the run's lock.
/// </summary>
public static class RunAdvancer
{
    public sealed record Outcome(IReadOnlyList<TaskRunRecord> Claimed, bool RunFinished);

    public static Outcome Advance(PipelineRunRecord run, DateTime now)
    {
        if (run.State != RunState.Running) return new Outcome([], false);

        var byName = run.Tasks.ToDictionary(t => t.Task, StringComparer.Ordinal);
        var claimed = new List<TaskRunRecord>();
        bool changed;
        do
        {
            changed = false;
            foreach (var task in run.Tasks.Where(t => t.State == TaskState.Pending))
            {
                var upstream = task.UpstreamTasks.Select(u => byName[u].State).ToList();
                if (upstream.Any(s => s is TaskState.Failed or TaskState.UpstreamFailed))
                {
                    task.State = TaskState.UpstreamFailed;
                    task.FinishedAt = now;
                    changed = true;
                }
                else if (upstream.All(s => s == TaskState.Succeeded))
                {
                    task.State = TaskState.Queued;
                    task.QueuedAt = now;
                    task.ReadyAt = now;
                    task.HangfireJobId = null;
                    task.JobToken = Guid.NewGuid();
                    claimed.Add(task);
                }
            }
        } while (changed);

        if (run.Tasks.All(t => t.State.IsTerminal()))
        {
            run.State = run.Tasks.All(t => t.State == TaskState.Succeeded) ? RunState.Succeeded : RunState.Failed;
            run.FinishedAt = now;
            return new Outcome(claimed, true);
        }
        return new Outcome(claimed, false);
    }
}
