using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Finds queued tasks whose Hangfire job can no longer run them: fetched by a host that died before the attempt
/// started, or gone from Hangfire's storage. Hangfire.PostgreSql would hand a dead host's fetched job out again
/// only after its invisibility timeout, and then only once no fresh job waits in the queues (it fetches never-fetched
/// jobs first), which under a long backfill can be never; so such a task gets a new job now.
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
        List<(Guid Id, string JobId)> waiting;
        await using (var db = await store.CreateDbContextAsync(ct))
        {
            waiting = (await db.TaskRuns.AsNoTracking()
                    .Where(t => (t.State == TaskState.Queued || t.State == TaskState.UpForRetry) && t.HangfireJobId != null
                                && (t.ReadyAt ?? t.QueuedAt) < before && t.Run!.State == RunState.Running)
                    .Select(t => new { t.Id, t.HangfireJobId }).Take(Batch).ToListAsync(ct))
                .Select(t => (t.Id, t.HangfireJobId!)).ToList();
        }
        if (waiting.Count == 0) return 0;

        var alive = hangfire.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && beat >= now - options.Value.LeaseLength)
            .Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var requeued = 0;
        using var connection = hangfire.GetConnection();
        foreach (var (id, jobId) in waiting)
        {
            var why = WhyStranded(connection, jobId, alive);
            if (why is not null && await recovery.RequeueAsync(id, jobId, why, ct)) requeued++;
        }
        return requeued;
    }

    private static string? WhyStranded(Hangfire.Storage.IStorageConnection connection, string jobId, IReadOnlySet<string> alive)
    {
        var state = connection.GetStateData(jobId);
        if (state is null) return connection.GetJobData(jobId) is null ? "no longer exists" : null;
        if (state.Name == "Processing" && state.Data.TryGetValue("ServerId", out var server) && !alive.Contains(server))
            return $"was taken by host {server}, which is gone";
        // Succeeded while its task still waits: it ran and was refused (a stale token); the task needs a job that can run it.
        return state.Name == "Succeeded" ? "ended without running the task" : null;
    }
}
