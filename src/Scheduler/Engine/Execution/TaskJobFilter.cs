using Hangfire.Common;
using Hangfire.States;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Hooks the engine's retry policy into Hangfire's state machine: a failed attempt that may be retried
/// becomes a scheduled job after the policy's backoff, and every (re-)enqueue of a task job goes to the
/// task's own queue, whatever the storage remembers of queues.
/// </summary>
public sealed class TaskJobFilter : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.BackgroundJob.Job?.Type != typeof(TaskRunner)) return;

        switch (context.CandidateState)
        {
            case FailedState failed when FindRetry(failed.Exception) is { } retry:
                context.CandidateState = new ScheduledState(retry.Delay)
                {
                    Reason = $"{retry.Message} Retrying in {retry.Delay.TotalSeconds:0.###} s.",
                };
                break;
            case EnqueuedState enqueued when context.BackgroundJob.Job.Args.Count > 2 && context.BackgroundJob.Job.Args[2] is string queue:
                enqueued.Queue = queue;
                break;
        }
    }

    private static TaskRetryException? FindRetry(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TaskRetryException retry) return retry;
        return null;
    }
}
