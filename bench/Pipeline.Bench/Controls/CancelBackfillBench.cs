using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Bench.Hosting;
using Pipeline.Bench.Pipelines;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Bench.Controls;

/// <summary>
/// How long cancelling a backfill of N runs takes (BackfillControl.CancelAsync, store transaction plus Hangfire deletions)
/// while its first runs are running, on fresh storage (PostgreSQL unless told otherwise); then checks that none of its runs is left to start.
/// Usage: Pipeline.Bench cancel-backfill [runs] [repetitions] [postgres|embedded]
/// </summary>
public static class CancelBackfillBench
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var runs = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var repetitions = args.Length > 1 ? int.Parse(args[1]) : 3;
        var kind = args.Length > 2 && args[2] == "embedded" ? StorageKind.Embedded : StorageKind.Postgres;
        await using var storage = await FreshStorage.CreateAsync(kind, ct);
        await using var host = await EngineHost.StartAsync(storage,
            new EngineSettings(Workers: 8, MaxConcurrentRuns: 8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), LongPolling: false), ct);
        var pipeline = host.Services.GetRequiredService<PipelineCatalog>().Get(BenchPipelines.Diamond);

        output.WriteLine($"| repetition | runs | create (s) | cancel (s) | runs cancelled | tasks asked to stop | left to start |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var timings = new List<double>();
        for (var rep = 1; rep <= repetitions; rep++)
        {
            // Straight through the launcher: the range may pass today and MaxBackfillDays, which only bound what users ask for.
            var create = Stopwatch.StartNew();
            var first = BenchPipelines.DiamondStart;
            var backfillId = await host.Services.GetRequiredService<BackfillStore>()
                .CreateAsync(pipeline.Name, first, first.AddDays(runs - 1), new BackfillSettings(null, null), null, ct);
            var requests = Enumerable.Range(0, runs).Select(i => new RunLauncher.NewRun(first.AddDays(i), new Dictionary<string, string>())).ToList();
            await host.Services.GetRequiredService<RunLauncher>().LaunchManyAsync(pipeline, requests, "backfill", backfillId, ct);
            create.Stop();

            var cancel = Stopwatch.StartNew();
            var outcome = await host.Services.GetRequiredService<BackfillControl>().CancelAsync(backfillId, new Actor("bench"), ct);
            cancel.Stop();
            timings.Add(cancel.Elapsed.TotalSeconds);

            await using var db = await host.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>().CreateDbContextAsync(ct);
            var left = await db.Runs.CountAsync(r => r.BackfillId == backfillId && r.State == RunState.Queued, ct);
            output.WriteLine($"| {rep} | {runs} | {create.Elapsed.TotalSeconds:0.00} | {cancel.Elapsed.TotalSeconds:0.000} | {outcome!.CancelledRuns} | {outcome.StoppingTasks} | {left} |");
        }
        timings.Sort();
        output.WriteLine();
        output.WriteLine($"Median cancel of {runs} runs: {timings[timings.Count / 2]:0.000} s (min {timings[0]:0.000}, max {timings[^1]:0.000}).");
        return 0;
    }
}
