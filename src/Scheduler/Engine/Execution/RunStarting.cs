using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>Starts one queued run inside a transaction that may start it (a pass under the pipeline's lock, or a hand-over).</summary>
public sealed class RunStarting(AttemptBeginning beginning)
{
    /// <summary>What starting a run made ready: tasks to give jobs to, and the one begun for the offer, if any.</summary>
    public sealed record Started(IReadOnlyList<TaskDispatcher.Claimed> Claimed, InlineAttempt? Inline);

    /// <summary>
    /// Locks the run and starts it if it is still queued (null when it is not: cancelled or started meanwhile). With
    /// <paramref name="offer"/>, one of its ready tasks on the offer's queue begins under the offering job.
    /// </summary>
    public async Task<Started?> StartAsync(RunStoreContext db, Guid runId, InlineOffer? offer, DateTime now, CancellationToken ct)
    {
        if (!await db.LockQueuedRunAsync(runId, ct)) return null;
        var run = await db.Runs.Include(r => r.Tasks).SingleAsync(r => r.Id == runId, ct);
        return Start(run, offer, now, a => db.TaskAttempts.Add(a));
    }

    /// <summary>Starts <paramref name="run"/>, read under its lock while queued; a new attempt record goes to <paramref name="addAttempt"/>.</summary>
    public Started Start(PipelineRunRecord run, InlineOffer? offer, DateTime now, Action<TaskAttemptRecord> addAttempt)
    {
        run.State = RunState.Running;
        run.StartedAt ??= now;
        var ready = RunAdvancer.Advance(run, now).Claimed.ToList();
        var inline = offer is null ? null : beginning.TakeInline(addAttempt, run, ready, offer, now);
        return new Started(ready.Select(t => TaskDispatcher.From(run, t)).ToList(), inline);
    }
}
