using System.Linq.Expressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>Turns claimed task runs into Hangfire jobs, on each task's queue (see <see cref="TaskQueues"/>).</summary>
public sealed class TaskDispatcher(
    IBackgroundJobClient jobs,
    IDbContextFactory<RunStoreContext> store,
    StorageRetry retry,
    ILogger<TaskDispatcher> logger)
{
    /// <summary>A task to hand to Hangfire: its job carries the token, and waits <paramref name="Delay"/> first when given.</summary>
    public sealed record Claimed(Guid TaskRunId, string Label, string Queue, Guid Token, TimeSpan? Delay = null);

    public static Claimed From(PipelineRunRecord run, TaskRunRecord task, TimeSpan? delay = null) =>
        new(task.Id, $"{run.Pipeline}.{task.Task}", TaskQueues.For(task.Queue, task.Upstream),
            task.JobToken ?? throw new InvalidOperationException($"Task run {task.Id} was queued without a job token."), delay);

    /// <summary>
    /// Gives a Hangfire job to each task that matches <paramref name="which"/> and has none, with the token it holds: if a job
    /// does exist after all, whichever job comes first runs the task and the other finds it taken. Returns how many.
    /// </summary>
    public async Task<int> DispatchJoblessAsync(Expression<Func<TaskRunRecord, bool>> which, CancellationToken ct)
    {
        List<Claimed> jobless;
        await using (var db = await store.CreateDbContextAsync(ct))
        {
            jobless = (await db.TaskRuns.AsNoTracking()
                    .Where(t => t.HangfireJobId == null && t.JobToken != null)
                    .Where(which)
                    .Select(t => new { t.Id, t.Run!.Pipeline, t.Task, t.Queue, t.Upstream, t.JobToken })
                    .ToListAsync(ct))
                .Select(t => new Claimed(t.Id, $"{t.Pipeline}.{t.Task}", TaskQueues.For(t.Queue, t.Upstream), t.JobToken!.Value))
                .ToList();
        }
        await DispatchAsync(jobless, ct);
        return jobless.Count;
    }

    public async Task DispatchAsync(IReadOnlyCollection<Claimed> tasks, CancellationToken ct)
    {
        foreach (var task in tasks)
        {
            string jobId;
            try
            {
                var job = Job.FromExpression<TaskRunner>(r => r.ExecuteAsync(task.TaskRunId, task.Label, task.Queue, task.Token, null, CancellationToken.None));
                IState state = task.Delay is { } delay && delay > TimeSpan.Zero
                    ? new ScheduledState(RetryTimes.After(delay)) { Reason = "Retry after a failed or lost attempt" }
                    : new EnqueuedState(task.Queue);
                jobId = await retry.RunAsync(() => jobs.Create(job, state), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The task stays queued without a job; the recovery loop enqueues it again.
                logger.LogError(ex, "Could not enqueue task run {TaskRunId} ({Label})", task.TaskRunId, task.Label);
                continue;
            }

            try
            {
                await using var db = await store.CreateDbContextAsync(ct);
                // Plain SQL: this runs for every task, and translating the LINQ form each time cost more than the statement.
                // Only for the token the job carries: a task queued again meanwhile keeps its newer job.
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE task_runs SET hangfire_job_id = {jobId} WHERE id = {task.TaskRunId} AND hangfire_job_id IS NULL AND job_token = {task.Token}", ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The job runs either way (it claims the task itself); only the dashboard link waits for the claim.
                logger.LogWarning(ex, "Could not record Hangfire job {JobId} for task run {TaskRunId}", jobId, task.TaskRunId);
            }
        }
    }
}
