using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>
/// Reads the run counts behind the gauges every Telemetry:SampleInterval, so that a scrape never waits on
/// the run store. Every host reports the same store-wide values (aggregate them with max, not sum).
/// </summary>
public sealed class RunStoreSampler(
    IDbContextFactory<RunStoreContext> store,
    RunStoreSample sample,
    IOptions<TelemetryOptions> options,
    TimeProvider clock,
    ILogger<RunStoreSampler> logger) : PeriodicWork(options.Value.SampleInterval, clock, logger)
{
    // A gauge a little stale is better than a host that stops over it; the next tick tries again.
    protected override string Activity => "sample the run store for the run gauges";

    protected override Task TickAsync(CancellationToken ct) => SampleAsync(ct);

    protected override bool TickAtStart => true;

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var active = await db.Runs.AsNoTracking()
            .Where(r => r.State == RunState.Queued || r.State == RunState.Running)
            .GroupBy(r => new { r.Pipeline, r.State })
            .Select(g => new { g.Key.Pipeline, g.Key.State, Runs = g.LongCount() })
            .ToListAsync(ct);

        var open = db.Runs.Where(r => r.BackfillId != null && (r.State == RunState.Queued || r.State == RunState.Running))
            .Select(r => r.BackfillId);
        var backfills = await db.Runs.AsNoTracking()
            .Where(r => r.BackfillId != null && open.Contains(r.BackfillId))
            .GroupBy(r => new { r.Pipeline, r.BackfillId })
            .Select(g => new
            {
                g.Key.Pipeline,
                g.Key.BackfillId,
                Ended = g.LongCount(r => r.State != RunState.Queued && r.State != RunState.Running),
                Total = g.LongCount(),
            })
            .ToListAsync(ct);

        sample.Replace(
            active.Select(a => new RunStoreSample.ActiveCount(a.Pipeline, a.State.ToString().ToLowerInvariant(), a.Runs)).ToList(),
            backfills.Select(b => new RunStoreSample.BackfillCount(b.Pipeline, b.BackfillId!.Value, b.Ended, b.Total)).ToList());
    }
}
