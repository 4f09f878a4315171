using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// Pausing a pipeline: its schedule makes no runs and its queued runs wait, on every host, across restarts (the
/// flag is a row of the run store). Runs can still be asked for; they wait too, unless someone starts one by hand.
/// </summary>
public sealed class PipelinePauses(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    QueuedRunStarter starter,
    IOptions<PipelineSettingsOptions> settings,
    TimeProvider clock)
{
    public sealed record PipelineState(string Pipeline, bool Paused, DateTime ChangedAt);

    /// <summary>Creates each pipeline's row the first time it is seen, paused if its settings say so; existing rows are kept.</summary>
    public static async Task EnsureStatesAsync(RunStoreContext db, PipelineCatalog catalog, PipelineSettingsOptions settings, DateTime now, CancellationToken ct)
    {
        foreach (var pipeline in catalog.All)
        {
            var paused = settings.TryGetValue(pipeline.Name, out var s) && s.Paused;
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO pipeline_states (pipeline, paused, changed_at) VALUES ({pipeline.Name}, {paused}, {now}) ON CONFLICT DO NOTHING", ct);
        }
    }

    public Task EnsureStatesAsync(RunStoreContext db, CancellationToken ct) =>
        EnsureStatesAsync(db, catalog, settings.Value, clock.GetUtcNow().UtcDateTime, ct);

    public Task<PipelineState> PauseAsync(string pipeline, Actor actor, CancellationToken ct) => SetAsync(pipeline, true, actor, ct);

    public async Task<PipelineState> UnpauseAsync(string pipeline, Actor actor, CancellationToken ct)
    {
        var state = await SetAsync(pipeline, false, actor, ct);
        await starter.StartQueuedRunsAsync(state.Pipeline, CancellationToken.None);
        return state;
    }

    public async Task<bool> IsPausedAsync(string pipeline, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.PipelineStates.AnyAsync(s => s.Pipeline == pipeline && s.Paused, ct);
    }

    public async Task<IReadOnlySet<string>> PausedAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return (await db.PipelineStates.Where(s => s.Paused).Select(s => s.Pipeline).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when the run is queued only because its pipeline is paused (nobody started it by hand).</summary>
    public async Task<bool> WaitsForPauseAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Runs.AnyAsync(r => r.Id == runId && r.State == RunState.Queued && !r.OverridesPause
                                           && db.PipelineStates.Any(s => s.Pipeline == r.Pipeline && s.Paused), ct);
    }

    /// <summary>Lets one queued run of a paused pipeline start (within the pipeline's limit); false for an unknown run.</summary>
    public async Task<bool> StartDespitePauseAsync(Guid runId, Actor actor, CancellationToken ct)
    {
        var pipeline = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunAsync(runId, ct)) return null;
            var run = await db.Runs.SingleAsync(r => r.Id == runId, ct);
            if (run.State != RunState.Queued)
                throw new RunConflictException($"Run {runId} is {run.State}; only a queued run can be started by hand.");
            run.OverridesPause = true;
            AuditTrail.Record(db, actor, "run.start", run.Pipeline, Now, runId: run.Id, backfillId: run.BackfillId,
                details: "Started by hand while its pipeline is paused.");
            return run.Pipeline;
        }, ct);
        if (pipeline is null) return false;
        await starter.StartQueuedRunsAsync(pipeline, CancellationToken.None);
        return true;
    }

    private async Task<PipelineState> SetAsync(string name, bool paused, Actor actor, CancellationToken ct)
    {
        var pipeline = catalog.Find(name) ?? throw new PipelineNotFoundException(name);
        return await store.InTransactionAsync(async db =>
        {
            // Under the pipeline's lock: once a pause commits, no host starts another queued run of it.
            await db.LockPipelineAsync(pipeline.Name, ct);
            var state = await db.PipelineStates.SingleOrDefaultAsync(s => s.Pipeline == pipeline.Name, ct);
            if (state is null) db.PipelineStates.Add(state = new PipelineStateRecord { Pipeline = pipeline.Name });
            if (state.Paused != paused || state.ChangedAt == default)
            {
                state.Paused = paused;
                state.ChangedAt = Now;
                AuditTrail.Record(db, actor, paused ? "pipeline.pause" : "pipeline.unpause", pipeline.Name, Now,
                    details: paused ? "Schedule stopped; queued runs wait." : "Schedule resumed; queued runs may start.");
            }
            return new PipelineState(pipeline.Name, state.Paused, state.ChangedAt);
        }, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
