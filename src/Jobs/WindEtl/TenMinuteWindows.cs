using Pipeline.Connectors.WindTarget;

namespace Pipeline.Jobs.WindEtl;

/// <summary>
/// Aggregates a day's minutes into 10-minute windows, as pandas' <c>resample("10min").agg(["mean", "min",
/// "max", "std"])</c> does: windows labelled by their start, counted from the partition's first instant (so a
/// 23- or 25-hour day has 138 or 150 windows); missing values skipped; the standard deviation the sample one
/// (n - 1). Impossible values count as missing. A window with no value gives no row, and one with a single
/// value no std row, where pandas would give NaN.
/// </summary>
public static class TenMinuteWindows
{
    public static readonly TimeSpan Width = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<SignalValue> Aggregate(IReadOnlyList<StagedMinute> minutes, DateTime start, DateTime end, Plausibility limits)
    {
        var windows = (int)Math.Ceiling((end - start) / Width);
        var wind = Buckets(windows);
        var power = Buckets(windows);
        foreach (var minute in minutes)
        {
            if (minute.Timestamp < start || minute.Timestamp >= end) continue;
            var index = (int)((minute.Timestamp - start) / Width);
            if (minute.WindSpeed is { } w && limits.IsPossibleWindSpeed(w)) wind[index].Add(w);
            if (minute.Power is { } p && limits.IsPossiblePower(p)) power[index].Add(p);
        }

        var values = new List<SignalValue>(windows * 8);
        for (var i = 0; i < windows; i++)
        {
            var at = start + i * Width;
            Add(values, at, "wind_speed", wind[i]);
            Add(values, at, "power", power[i]);
        }
        return values;
    }

    private static List<double>[] Buckets(int count) => Enumerable.Range(0, count).Select(_ => new List<double>(10)).ToArray();

    private static void Add(List<SignalValue> values, DateTime at, string variable, List<double> samples)
    {
        if (samples.Count == 0) return;
        var mean = samples.Sum() / samples.Count;
        values.Add(new SignalValue(at, WindSignals.IdOf(variable, "mean"), mean));
        values.Add(new SignalValue(at, WindSignals.IdOf(variable, "min"), samples.Min()));
        values.Add(new SignalValue(at, WindSignals.IdOf(variable, "max"), samples.Max()));
        if (samples.Count < 2) return;
        var squares = samples.Sum(x => (x - mean) * (x - mean));
        values.Add(new SignalValue(at, WindSignals.IdOf(variable, "std"), Math.Sqrt(squares / (samples.Count - 1))));
    }
}
