using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Hooks the engine's retry policy into Hangfire's state machine: a failed attempt that may be retried
/// becomes a scheduled job after the policy's backoff, and every (re-)enqueue of a task job goes to the
/// task's own queue, whatever the storage remembers of queues. A task job deleted in Hangfire before it
/// ran fails its task, instead of leaving it waiting for a job that will never come.
/// </summary>
public sealed class TaskJobFilter(IServiceProvider services, ILogger<TaskJobFilter> logger) : JobFilterAttribute, IElectStateFilter, IApplyStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.BackgroundJob.Job?.Type != typeof(TaskRunner)) return;

        switch (context.CandidateState)
        {
            case FailedState failed when FindRetry(failed.Exception) is { } retry:
                context.CandidateState = new ScheduledState(RetryTimes.After(retry.Delay))
                {
                    Reason = $"{retry.Message} Retrying in {retry.Delay.TotalSeconds:0.###} s.",
                };
                break;
            case EnqueuedState enqueued when context.BackgroundJob.Job.Args.Count > 2 && context.BackgroundJob.Job.Args[2] is string queue:
                enqueued.Queue = queue;
                break;
        }
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.NewState is not DeletedState || context.BackgroundJob.Job?.Type != typeof(TaskRunner)) return;
        if (context.BackgroundJob.Job.Args[0] is not Guid taskRunId) return;
        var jobId = context.BackgroundJob.Id;

        // Not inline: Hangfire is inside its own storage transaction here, and recording the failure may enqueue
        // other jobs through that same storage.
        _ = Task.Run(async () =>
        {
            try
            {
                await services.GetRequiredService<TaskTransitions>().JobDeletedAsync(taskRunId, jobId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not record the deletion of Hangfire job {JobId} (task run {TaskRunId})", jobId, taskRunId);
            }
        });
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    private static TaskRetryException? FindRetry(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TaskRetryException retry) return retry;
        return null;
    }
}
