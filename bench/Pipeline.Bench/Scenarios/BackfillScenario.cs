using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Bench.Hosting;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Bench.Scenarios;

/// <summary>
/// Launches one backfill of <c>days</c> daily partitions through the engine's own door (RunRequests) and
/// times it from the request until the last run's FinishedAt in the run store. Every run must succeed.
/// </summary>
public static class BackfillScenario
{
    public static async Task<BackfillMeasurement> RunAsync(
        EngineHost host, string pipeline, DateOnly firstDay, int days, TimeSpan timeout, CancellationToken ct)
    {
        var requests = host.Services.GetRequiredService<RunRequests>();
        var watcher = new BackfillWatcher(host.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>());
        var from = firstDay.ToString(PartitionCalendar.Format);
        var to = firstDay.AddDays(days - 1).ToString(PartitionCalendar.Format);

        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var created = await requests.BackfillAsync(pipeline, from, to, "backfill", ct);
        var launch = clock.Elapsed;

        var snapshot = await watcher.WaitAsync(created.BackfillId, created.RunIds.Count, timeout, ct);
        if (snapshot.Failed > 0)
            throw new InvalidOperationException($"{snapshot.Failed} of {snapshot.Runs.Count} runs of {pipeline} did not succeed.");
        return new BackfillMeasurement(created.RunIds.Count, snapshot.LastFinish - startedAt, launch, snapshot);
    }
}
