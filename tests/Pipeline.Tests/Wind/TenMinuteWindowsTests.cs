using Pipeline.Connectors.WindTarget;
using Pipeline.Jobs.WindEtl;

namespace Pipeline.Tests.Wind;

/// <summary>
/// The aggregates against values worked out by hand (and what pandas gives for the same series:
/// <c>pd.Series([...]).agg(["mean", "min", "max", "std"])</c>, std with ddof=1).
/// </summary>
public sealed class TenMinuteWindowsTests
{
    private static readonly DateTime Start = new(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Plausibility Limits = new();

    private static double Value(IReadOnlyList<SignalValue> values, int window, string signal) =>
        values.Single(v => v.Timestamp == Start.AddMinutes(10 * window) && WindSignals.NameOf(v.SignalId) == signal).Value;

    private static bool Has(IReadOnlyList<SignalValue> values, int window, string signal) =>
        values.Any(v => v.Timestamp == Start.AddMinutes(10 * window) && WindSignals.NameOf(v.SignalId) == signal);

    [Fact]
    public void Mean_min_max_and_sample_std_match_values_computed_by_hand()
    {
        // Window 0: wind 1..10, power 0,10,...,90. Window 1: wind 2,4,4,4,5,5,7,9 (8 minutes) and two nulls.
        var minutes = new List<StagedMinute>();
        for (var i = 0; i < 10; i++) minutes.Add(new StagedMinute(Start.AddMinutes(i), i + 1, 10 * i));
        double?[] second = [2, 4, 4, 4, 5, 5, 7, 9, null, null];
        for (var i = 0; i < 10; i++) minutes.Add(new StagedMinute(Start.AddMinutes(10 + i), second[i], 100));

        var values = TenMinuteWindows.Aggregate(minutes, Start, Start.AddMinutes(20), Limits);

        // 1..10: mean 5.5; squares about the mean sum to 82.5; sample variance 82.5 / 9.
        Assert.Equal(5.5, Value(values, 0, "wind_speed_mean"), 12);
        Assert.Equal(1, Value(values, 0, "wind_speed_min"));
        Assert.Equal(10, Value(values, 0, "wind_speed_max"));
        Assert.Equal(3.0276503540974917, Value(values, 0, "wind_speed_std"), 12);
        Assert.Equal(45, Value(values, 0, "power_mean"), 12);
        Assert.Equal(30.276503540974915, Value(values, 0, "power_std"), 10);
        // 2,4,4,4,5,5,7,9: mean 5, squares sum to 32, sample variance 32 / 7 (nulls skipped, as pandas does).
        Assert.Equal(5, Value(values, 1, "wind_speed_mean"), 12);
        Assert.Equal(2, Value(values, 1, "wind_speed_min"));
        Assert.Equal(9, Value(values, 1, "wind_speed_max"));
        Assert.Equal(2.138089935299395, Value(values, 1, "wind_speed_std"), 12);
        // A constant series has a std of 0.
        Assert.Equal(0, Value(values, 1, "power_std"), 12);
        Assert.Equal(16, values.Count);
    }

    [Fact]
    public void Impossible_values_are_left_out_and_a_single_value_has_no_std()
    {
        StagedMinute[] minutes =
        [
            new(Start, -3, 5000),
            new(Start.AddMinutes(1), 6, 500),
            new(Start.AddMinutes(2), 8, null),
        ];

        var values = TenMinuteWindows.Aggregate(minutes, Start, Start.AddMinutes(10), Limits);

        Assert.Equal(7, Value(values, 0, "wind_speed_mean"), 12);
        Assert.Equal(6, Value(values, 0, "wind_speed_min"));
        Assert.Equal(500, Value(values, 0, "power_mean"));
        Assert.False(Has(values, 0, "power_std"));
        Assert.Equal(1.4142135623730951, Value(values, 0, "wind_speed_std"), 12);
    }

    [Fact]
    public void A_window_with_no_values_gives_no_rows()
    {
        var values = TenMinuteWindows.Aggregate([new StagedMinute(Start.AddMinutes(15), 5, 100)], Start, Start.AddMinutes(30), Limits);

        Assert.All(values, v => Assert.Equal(Start.AddMinutes(10), v.Timestamp));
        Assert.Equal(6, values.Count);
    }

    [Theory]
    [InlineData("2024-10-27", 150)]   // clocks back in Zurich: 25 hours
    [InlineData("2024-03-31", 138)]   // clocks forward: 23 hours
    [InlineData("2024-10-01", 144)]
    public void Windows_are_counted_from_the_local_midnight_of_a_daylight_saving_day(string day, int windows)
    {
        var zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        var date = DateOnly.Parse(day);
        var start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), zurich);
        var end = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zurich);
        var minutes = Enumerable.Range(0, (int)(end - start).TotalMinutes).Select(m => new StagedMinute(start.AddMinutes(m), 5, 100)).ToList();

        var values = TenMinuteWindows.Aggregate(minutes, start, end, Limits);

        Assert.Equal(windows * 8, values.Count);
        Assert.Equal(start, values.Min(v => v.Timestamp));
        Assert.Equal(end.AddMinutes(-10), values.Max(v => v.Timestamp));
    }
}
