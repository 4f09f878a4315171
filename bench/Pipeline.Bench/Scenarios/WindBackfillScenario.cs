using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Bench.Hosting;
using Pipeline.Bench.Measuring;
using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindSource.Seeding;
using Pipeline.Connectors.WindTarget;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Bench.Scenarios;

/// <summary>
/// wind-etl as shipped, on PostgreSQL: seeds <c>days</c> days of one-minute data into a fresh source
/// database (timed apart), then backfills them through the engine and times the backfill alone, from the
/// request to the last run's end. Every run must succeed.
/// </summary>
public static class WindBackfillScenario
{
    public static readonly DateOnly FirstDay = new(2024, 1, 1);

    /// <summary>The settings the bench host gets for wind-etl: its first day, and its limit when one is given.</summary>
    public static Dictionary<string, string?> Settings(string source, string target, int? maxConcurrentRuns) => new()
    {
        ["ConnectionStrings:WindSource"] = source,
        ["ConnectionStrings:WindTarget"] = target,
        ["WindEtl:FirstDay"] = FirstDay.ToString("yyyy-MM-dd"),
        ["WindEtl:MaxConcurrentRuns"] = maxConcurrentRuns?.ToString(),
    };

    public static async Task<WindMeasurement> RunAsync(EngineHost host, int days, TimeSpan timeout, CancellationToken ct)
    {
        var last = FirstDay.AddDays(days - 1);
        var seeding = Stopwatch.StartNew();
        var sourceRows = await host.Services.GetRequiredService<SourceSeeder>().SeedAsync(FirstDay, last, null, ct);
        seeding.Stop();

        // The backfill's own CPU: seeding generates and copies the source's rows in this process too.
        var cpuBefore = ProcessMeter.CpuTime();
        var backfill = await BackfillScenario.RunAsync(host, WindEtlPipeline.Name, FirstDay, days, timeout, ct);
        var cpu = ProcessMeter.CpuTime() - cpuBefore;

        var start = FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var loaded = await host.Services.GetRequiredService<WindTargetStore>().ReadDataAsync(start, start.AddDays(days), ct);
        return new WindMeasurement(backfill, sourceRows, loaded.Count, seeding.Elapsed, cpu);
    }
}

/// <summary>One timed wind-etl backfill: the backfill, the source rows it read, the target rows it wrote and the CPU it took.</summary>
public sealed record WindMeasurement(BackfillMeasurement Backfill, long SourceRows, long TargetRows, TimeSpan Seeding, TimeSpan BackfillCpu)
{
    public double SourceRowsPerSecond => SourceRows / Backfill.Wall.TotalSeconds;
    public double TargetRowsPerSecond => TargetRows / Backfill.Wall.TotalSeconds;

    public override string ToString() =>
        $"seeded {SourceRows} rows in {Seeding.TotalSeconds:0.00} s; {Backfill}; {SourceRowsPerSecond:0} source rows/s, {TargetRows} target rows ({TargetRowsPerSecond:0}/s); backfill CPU {BackfillCpu.TotalSeconds:0.00} s";
}
