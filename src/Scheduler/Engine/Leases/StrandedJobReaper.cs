using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Finds queued tasks whose Hangfire job can no longer run them: fetched by a host that died before the attempt
/// started, or gone from Hangfire's storage. Hangfire.PostgreSql would hand a dead host's fetched job out again
/// only after its invisibility timeout, and then only once no fresh job waits in the queues (it fetches never-fetched
/// jobs first), which under a long backfill can be never; worse, a host killed while changing the job's state leaves
/// the job's lock behind (a row, not tied to its connection) and no worker can start that job until the lock times
/// out (bench/chaos.sh met a 10-minute wait). The same goes for a retry's scheduled job when Hangfire's schedule poller
/// is held up by its own lock left behind (bench/chaos.sh met a 1-minute wait). So such a task gets a new job of its own now.
/// </summary>
public sealed class StrandedJobReaper(
    IDbContextFactory<RunStoreContext> store,
    JobStorage hangfire,
    AttemptRecovery recovery,
    IOptions<EngineOptions> options,
    TimeProvider clock)
{
    private const int Batch = 500;

    /// <summary>Returns how many tasks were given a new job.</summary>
    public async Task<int> RequeueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - options.Value.LeaseLength;
        List<(Guid Id, string JobId, string Queue)> waiting;
        await using (var db = await store.CreateDbContextAsync(ct))
        {
            waiting = (await db.TaskRuns.AsNoTracking()
                    .Where(t => (t.State == TaskState.Queued || t.State == TaskState.UpForRetry) && t.HangfireJobId != null
                                && (t.ReadyAt ?? t.QueuedAt) < before && t.Run!.State == RunState.Running)
                    // Stranded longest first, as in LostAttemptReaper.
                    .OrderBy(t => t.ReadyAt ?? t.QueuedAt)
                    .Select(t => new { t.Id, t.HangfireJobId, t.Queue, t.Upstream }).Take(Batch).ToListAsync(ct))
                .Select(t => (t.Id, t.HangfireJobId!, TaskQueues.For(t.Queue, t.Upstream))).ToList();
        }
        if (waiting.Count == 0) return 0;

        var monitoring = hangfire.GetMonitoringApi();
        var alive = monitoring.Servers()
            .Where(s => s.Heartbeat is { } beat && beat >= before)
            .Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Jobs a worker took off a queue and has not started: a live worker starts its job at once, so one taken long ago
        // was taken by a host that died (or that waits on a lock a dead host left).
        var takenLongAgo = waiting.Select(w => w.Queue).Distinct()
            .SelectMany(queue => monitoring.FetchedJobs(queue, 0, Batch))
            .Where(f => f.Value.FetchedAt is { } at && DateTime.SpecifyKind(at, DateTimeKind.Utc) < before)
            .Select(f => f.Key).ToHashSet();
        var requeued = 0;
        using var connection = hangfire.GetConnection();
        foreach (var (id, jobId, _) in waiting)
        {
            var why = WhyStranded(connection, jobId, alive, takenLongAgo);
            if (why is not null && await recovery.RequeueAsync(id, jobId, why, ct)) requeued++;
        }
        return requeued;
    }

    private static string? WhyStranded(Hangfire.Storage.IStorageConnection connection, string jobId, IReadOnlySet<string> alive, IReadOnlySet<string> takenLongAgo)
    {
        var state = connection.GetStateData(jobId);
        if (state is null) return connection.GetJobData(jobId) is null ? "no longer exists" : null;
        return state.Name switch
        {
            "Processing" when state.Data.TryGetValue("ServerId", out var server) && !alive.Contains(server) => $"was taken by host {server}, which is gone",
            "Enqueued" when takenLongAgo.Contains(jobId) => "was taken off its queue by a host that never started it",
            // It ran and was refused (a stale token) while its task still waits: the task needs a job that can run it.
            "Succeeded" => "ended without running the task",
            // Due a lease ago and still not moved to its queue: Hangfire's schedule poller is held up, typically by its
            // lock, a row that a host killed while holding it leaves for Engine:DistributedLockTimeout.
            "Scheduled" => "is still scheduled long after it was due (Hangfire's schedule poller is held up)",
            _ => null,
        };
    }
}
