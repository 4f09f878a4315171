using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Jobs;
using Pipeline.Scheduler.Engine.Leases;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Telemetry;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// The Hangfire job behind every task run: claims the attempt with the job's token, runs the pipeline's job with
/// its context, and records the outcome. A failed attempt is retried by Hangfire after the task's own backoff (see
/// <see cref="TaskJobFilter"/>); Hangfire's automatic retry is kept only for failures of the engine itself
/// (the run store unreachable for longer than its own retries), which a re-run of the same job can recover from.
/// While the attempt runs, this host holds its lease (see <see cref="Leases.LeaseRenewer"/>). When it succeeds, the job may
/// go on with a downstream task it made ready, in the same job (<see cref="EngineOptions.RunReadyTasksInline"/>).
/// </summary>
public sealed class TaskRunner(
    TaskTransitions transitions,
    AttemptRecovery recovery,
    HostIdentity host,
    PipelineTracing tracing,
    RunningTasks running,
    IServiceProvider services,
    IDbContextFactory<RunStoreContext> store,
    IOptions<EngineOptions> options,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider clock)
{
    [AutomaticRetry(Attempts = 10, ExceptOn = [typeof(TaskRetryException), typeof(TaskFailedException)])]
    [DisplayName("{1}")]
    public async Task ExecuteAsync(Guid taskRunId, string label, string queue, Guid token, PerformContext? perform, CancellationToken hangfireToken)
    {
        var jobId = perform?.BackgroundJob.Id ?? throw new InvalidOperationException("TaskRunner runs only inside Hangfire.");
        var jobStarted = clock.GetTimestamp();
        var start = await transitions.StartAttemptAsync(taskRunId, token, jobId, hangfireToken);
        var next = start is null ? null : new InlineAttempt(taskRunId, token, label, start, []);
        IReadOnlyList<Guid> held = [];
        try
        {
            for (var ownTask = true; next is not null; ownTask = false)
            {
                held = next.Held;
                next = await RunAttemptAsync(next, jobId, queue, ownTask, jobStarted, hangfireToken);
            }
        }
        finally
        {
            // The job ends (a failure, a retry, the host stopping) with tasks it kept for later: they get jobs of their own.
            if (held.Count > 0) await transitions.ReleaseHeldAsync(held, CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs one attempt and records its outcome; returns the downstream attempt to run next in this job, if the engine
    /// gave it one. <paramref name="ownTask"/> is false for such an inline attempt: the job's arguments name another task.
    /// </summary>
    private async Task<InlineAttempt?> RunAttemptAsync(InlineAttempt claimed, string jobId, string queue, bool ownTask, long jobStarted,
        CancellationToken hangfireToken)
    {
        var (taskRunId, token, label, start, held) = claimed;
        using var span = tracing.StartAttempt(start, taskRunId, host.Name);

        var hostLogger = loggers.CreateLogger($"Pipeline.Tasks.{start.Pipeline.Name}.{start.Task.Name}");
        using var scope = hostLogger.BeginScope(AttemptLogScope.Of(start, taskRunId));
        var log = new TaskLog(taskRunId, start.Attempt, hostLogger, store, clock);

        var attempt = running.Register(taskRunId);
        var cancelToken = attempt.Token;
        using var timeout = new CancellationTokenSource(start.Task.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(hangfireToken, cancelToken, timeout.Token);
        using var stopFlushing = new CancellationTokenSource();
        var flushing = log.FlushPeriodicallyAsync(options.Value.LogFlushInterval, stopFlushing.Token);
        using var attemptEnded = new CancellationTokenSource();
        var handingOff = held.Count == 0 ? Task.CompletedTask : HandOffHeldAsync(held, attemptEnded.Token);
        try
        {
            // A scope per attempt: the job's scoped dependencies (a DbContext, say) live exactly as long as the attempt.
            await using var jobScope = services.CreateAsyncScope();
            var context = new JobContext
            {
                RunId = start.RunId,
                Pipeline = start.Pipeline.Name,
                Task = start.Task.Name,
                Partition = start.Partition,
                Parameters = start.Parameters,
                UpstreamOutputs = start.UpstreamOutputs,
                Attempt = start.AttemptInRound,
                Logger = log,
                Progress = log,
                CancellationToken = linked.Token,
            };

            JobResult result;
            try
            {
                // Built inside the try: a job that cannot be constructed (a missing dependency, a bad setting)
                // fails its task by the task's policy instead of escaping to Hangfire's engine retries.
                var job = (IJob)ActivatorUtilities.CreateInstance(jobScope.ServiceProvider, start.Task.JobType);
                await using var ownedJob = job as IAsyncDisposable ?? (job is IDisposable d ? new SyncDisposer(d) : null);
                result = await job.RunAsync(context);
            }
            catch (Exception) when (attempt.IsLeaseLost)
            {
                // Another host has taken the task over; whatever this attempt would record is refused by its token.
                log.LogWarning("Stopped: this host lost the attempt's lease (cut off from the run store for too long); the task runs again elsewhere");
                await FinishLogAsync(log, flushing, stopFlushing);
                return null;
            }
            catch (Exception) when (hangfireToken.IsCancellationRequested && lifetime.ApplicationStopping.IsCancellationRequested
                                    && !cancelToken.IsCancellationRequested && !timeout.IsCancellationRequested)
            {
                // The host is stopping and the grace period is over: not the task's fault, so the attempt does not count.
                log.LogWarning("Interrupted: host {Host} is stopping; the task is handed back to run again", host.Name);
                await FinishLogAsync(log, flushing, stopFlushing);
                await recovery.HandBackAsync(taskRunId, token, host.Name, CancellationToken.None);
                return null;
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested
                && (cancelToken.IsCancellationRequested || hangfireToken.IsCancellationRequested))
            {
                if (cancelToken.IsCancellationRequested || await transitions.IsRunCancelledAsync(taskRunId, CancellationToken.None))
                {
                    log.LogWarning("Stopped: the run was cancelled");
                    await FinishLogAsync(log, flushing, stopFlushing);
                    await transitions.CancelAttemptAsync(taskRunId, token, CancellationToken.None);
                    return null;
                }

                // Neither the run nor the host: the job was deleted in Hangfire, which will not run it again.
                const string deleted = "Stopped: its Hangfire job was deleted while the attempt ran.";
                log.LogError(deleted);
                await FinishLogAsync(log, flushing, stopFlushing);
                await transitions.FailAsync(taskRunId, token, deleted, retryable: false, timedOut: false, retryInJobOfItsOwn: false, CancellationToken.None);
                return null;
            }
            catch (Exception ex)
            {
                var error = timeout.IsCancellationRequested
                    ? $"Timed out after {start.Task.Timeout}."
                    : $"{ex.GetType().Name}: {ex.Message}";
                log.LogError(ex, "Attempt {Attempt} of {MaxAttempts} failed: {Error}", start.AttemptInRound, start.MaxAttempts, error);
                await FinishLogAsync(log, flushing, stopFlushing);
                var retryIn = await transitions.FailAsync(taskRunId, token, error, retryable: ex is not IPermanentFailure,
                    timeout.IsCancellationRequested, retryInJobOfItsOwn: !ownTask, CancellationToken.None);
                if (retryIn is { } delay)
                {
                    // This job's own task is retried by rescheduling the job; an inline one already has a job for its retry.
                    if (!ownTask) return null;
                    throw new TaskRetryException(delay, start.AttemptInRound, start.MaxAttempts, ex);
                }
                throw new TaskFailedException($"Task {label} failed after {start.AttemptInRound} attempt(s): {error}", ex);
            }

            await FinishLogAsync(log, flushing, stopFlushing);
            // Past its budget the job ends, so that its worker takes the next job from the queue: inline work goes first, and
            // without a bound a chain of short tasks (a backfill's runs one after another) would keep other work waiting.
            var runNextHere = options.Value.RunReadyTasksInline && !hangfireToken.IsCancellationRequested
                              && !lifetime.ApplicationStopping.IsCancellationRequested
                              && clock.GetElapsedTime(jobStarted) < options.Value.InlineBudget;
            var offer = runNextHere ? new InlineOffer(jobId, queue, held) : null;
            return await transitions.SucceedAsync(taskRunId, token, result.Output, offer, CancellationToken.None);
        }
        finally
        {
            running.Unregister(taskRunId);
            await attemptEnded.CancelAsync();
            await handingOff;
        }
    }

    /// <summary>Siblings kept by this job run elsewhere once this attempt has run longer than <see cref="EngineOptions.KeepSiblingsFor"/>.</summary>
    private async Task HandOffHeldAsync(IReadOnlyCollection<Guid> held, CancellationToken attemptEnded)
    {
        try
        {
            await Task.Delay(options.Value.KeepSiblingsFor, clock, attemptEnded);
            // A task this job takes meanwhile is refused to the new job by its state; one the new job takes, to this one.
            await transitions.ReleaseHeldAsync(held, CancellationToken.None);
        }
        catch (OperationCanceledException) when (attemptEnded.IsCancellationRequested)
        {
            // Ended in time: the job runs them itself.
        }
        catch (Exception ex)
        {
            // They stay queued without a job until this job takes them or the recovery loop gives them one (Engine:OrphanAfter).
            loggers.CreateLogger<TaskRunner>().LogWarning(ex, "Could not hand {Count} kept task(s) to jobs of their own", held.Count);
        }
    }

    private static async Task FinishLogAsync(TaskLog log, Task flushing, CancellationTokenSource stopFlushing)
    {
        await stopFlushing.CancelAsync();
        await flushing;
        await log.FlushAsync();
    }
}

/// <summary>Lets a job that is only IDisposable be disposed with the same await-using as an async one.</summary>
file sealed class SyncDisposer(IDisposable inner) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        inner.Dispose();
        return ValueTask.CompletedTask;
    }
}
