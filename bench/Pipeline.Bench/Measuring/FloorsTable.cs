using System.Globalization;
using System.Text;
using Pipeline.Bench.Hosting;

namespace Pipeline.Bench.Measuring;

/// <summary>
/// The floors this bench measures (issue 6), each against its figure: the median over the repetitions, except
/// peak memory, where the floor holds for every scenario and so the largest value counts. A floor is judged
/// only at the size it is stated for (1,000 runs, 4,000 jobs, 365 days); at other sizes it is left out.
/// </summary>
public static class FloorsTable
{
    private const int FloorRuns = 1000, FloorLargeRuns = 10_000, FloorJobs = 4000, FloorDays = 365;

    public static string Render(Results results, BenchMetrics m, BenchOptions options)
    {
        var rows = new List<(string Floor, string Storage, double? Value, string Unit, bool Met)>();
        var orchestration = options.Runs == FloorRuns && options.Jobs == FloorJobs;
        foreach (var storage in options.Storages)
        {
            if (orchestration && Median(results, m.Ratio, storage) is { } ratio)
                rows.Add(("Engine cost per task ≤ 1.5× raw Hangfire on the same storage", Title(storage), ratio, "×", ratio <= 1.5));
        }
        if (options.Storages.Contains(StorageKind.Postgres))
        {
            if (options.Runs == FloorRuns && Median(results, m.DiamondLatencyMedian, StorageKind.Postgres) is { } loaded)
                rows.Add(("Task-to-task latency, median ≤ 100 ms, 1,000-run backfill", "PostgreSQL", loaded, "ms", loaded <= 100));
            if (options.Runs == FloorRuns && options.LargeRuns == FloorLargeRuns && Median(results, m.LargeShare, StorageKind.Postgres) is { } share)
                rows.Add(("10,000-run backfill keeps ≥ 80 % of the 1,000-run backfill's tasks/s", "PostgreSQL", share * 100, "%", share >= 0.8));
            if (Median(results, m.SerialLatencyMedian, StorageKind.Postgres) is { } idle)
                rows.Add(("Task-to-task latency, median ≤ 100 ms, one run at a time", "PostgreSQL", idle, "ms", idle <= 100));
            if (options.WindDays == FloorDays && Median(results, m.WindWall, StorageKind.Postgres) is { } wind)
                rows.Add(("wind-etl, 365 days, < 60 s", "PostgreSQL", wind, "s", wind < 60));
        }
        var peaks = Largest(results, options, "peak RSS of the bench process");
        if (peaks is { } peak)
            rows.Add(("Peak RSS < 400 MB in every scenario (largest of all repetitions)", "both", peak, "MB", peak < 400));
        if (Largest(results, options, BenchMetrics.RssAloneName) is { } alone)
            rows.Add(("Peak RSS < 250 MB in every scenario, each alone in a fresh process (issue 17; largest)", "both", alone, "MB", alone < 250));
        if (rows.Count == 0) return "";

        var text = new StringBuilder();
        text.AppendLine("| Floor | Storage | Measured | Met? |");
        text.AppendLine("|---|---|---:|---|");
        foreach (var row in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Floor} | {row.Storage} | {row.Value:0.#} {row.Unit} | {(row.Met ? "yes" : "**no**")} |");
        return text.ToString();
    }

    private static double? Largest(Results results, BenchOptions options, string name)
    {
        var values = results.Metrics.Where(metric => metric.Name == name)
            .SelectMany(metric => options.Storages.SelectMany(storage => results.Values(metric, storage))).ToList();
        return values.Count > 0 ? values.Max() : null;
    }

    private static double? Median(Results results, Metric metric, StorageKind storage) =>
        results.Values(metric, storage) is { Count: > 0 } values ? Stats.Median(values) : null;

    private static string Title(StorageKind storage) => storage == StorageKind.Postgres ? "PostgreSQL" : "embedded";
}
