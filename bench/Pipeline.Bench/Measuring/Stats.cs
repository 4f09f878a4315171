namespace Pipeline.Bench.Measuring;

/// <summary>Order statistics over a list of values (nearest-rank percentiles, midpoint median).</summary>
public static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = Sorted(values);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = Sorted(values);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A one-line spread for the progress log: percentiles 10, 25, 50, 75, 90, 95, 99 and the max.</summary>
    public static string Spread(IReadOnlyCollection<double> values) =>
        string.Join(" ", new[] { 10, 25, 50, 75, 90, 95, 99 }.Select(p => $"p{p}={Percentile(values, p):0}"))
        + $" max={values.Max():0}";

    private static double[] Sorted(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new InvalidOperationException("No values to summarise.");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
