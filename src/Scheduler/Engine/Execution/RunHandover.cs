using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// When a worker's task ends a backfill's run, the run's place goes straight to the next run of the same backfill, in the same
/// transaction, and that run's first task to the worker: no pass under the pipeline's lock and no Hangfire job for it. On
/// PostgreSQL most run ends found that lock taken by another end's pass (three in four in the 1,000-run diamond), so the
/// next run's first task got a job of its own that another worker had to fetch. Starting a run as another of the same
/// backfill ends leaves the number running in the pipeline and in the backfill unchanged, which is why no lock is needed;
/// the run is the one the pipeline's start order would pick next, and nothing starts while the pipeline is paused.
/// </summary>
public sealed class RunHandover(PipelineCatalog catalog, RunStarting starting)
{
    /// <summary>Starts the next run of <paramref name="ended"/>'s backfill in its place; null when the usual pass must fill it.</summary>
    public async Task<RunStarting.Started?> HandOverAsync(RunStoreContext db, PipelineRunRecord ended, InlineOffer offer, DateTime now,
        CancellationToken ct)
    {
        if (ended.BackfillId is not { } backfill || catalog.Find(ended.Pipeline) is not { } pipeline) return null;

        // The counts below must see this run ended.
        await db.SaveChangesAsync(ct);
        if (await NextOfBackfillAsync(db, pipeline, backfill, ct) is not [var next]) return null;
        return await starting.StartAsync(db, next, offer, now, ct);
    }

    /// <summary>
    /// The next queued run of the backfill, by the start order (see StartOrder), when the pipeline has a free place, is not
    /// paused, and the first of all its queued runs is of this backfill (a place handed to another backfill would count against
    /// that backfill's own limit, which two hand-overs at once could both see free). On PostgreSQL a run another hand-over is
    /// starting is skipped rather than waited for: all the backfill's ends meanwhile would queue on that one row.
    /// </summary>
    private static Task<List<Guid>> NextOfBackfillAsync(RunStoreContext db, PipelineDefinition pipeline, Guid backfill, CancellationToken ct)
    {
        var sql = HandoverQueries.NextOfBackfill;
        var query = FormattableStringFactory.Create(db.Database.IsNpgsql() ? sql + " FOR UPDATE OF r SKIP LOCKED" : sql,
            pipeline.Name, nameof(RunState.Queued), backfill, nameof(RunState.Running), pipeline.MaxConcurrentRuns);
        return db.Database.SqlQuery<Guid>(query).ToListAsync(ct);
    }
}
