using System.Globalization;

namespace Pipeline.Bench.Webhooks;

/// <summary>The table bench/webhook-latency.sh ends with (and docs/benchmarks.md shows).</summary>
public static class LatencyTable
{
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(2);

    public static string Markdown(IReadOnlyList<SetupResult> results)
    {
        var lines = new List<string>
        {
            "| Setup | Hosts | Failed runs | Median | p95 | Max | Over 2 s | Not told within 60 s | Told twice | Failure → claim, median / max | Claim → arrival, median / max |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var r in results)
        {
            // A run not told within the deadline counts as the slowest, so that it weighs in the median and p95.
            var sorted = r.Seconds.Concat(Enumerable.Repeat(double.PositiveInfinity, r.Missed)).Order().ToList();
            var toClaim = r.ToClaim.Order().ToList();
            var toArrival = r.ClaimToArrival.Order().ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Hosts} | {r.Runs.Count} | {Ms(Percentile(sorted, 0.5))} | {Ms(Percentile(sorted, 0.95))} | {Ms(sorted.LastOrDefault(double.NaN))} | " +
                $"{sorted.Count(s => s > Floor.TotalSeconds && !double.IsPositiveInfinity(s))} | {r.Missed} | {r.Duplicated} | " +
                $"{Ms(Percentile(toClaim, 0.5))} / {Ms(toClaim.LastOrDefault(double.NaN))} | {Ms(Percentile(toArrival, 0.5))} / {Ms(toArrival.LastOrDefault(double.NaN))} |"));
        }
        return string.Join("\n", lines);
    }

    /// <summary>Nearest rank: the smallest value with at least that share of the values at or below it.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private static string Ms(double seconds) =>
        double.IsNaN(seconds) ? "-" : double.IsPositiveInfinity(seconds) ? "> 60 s" : $"{seconds * 1000:0} ms";
}
