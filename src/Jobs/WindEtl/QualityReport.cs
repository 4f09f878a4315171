using System.Globalization;
using Pipeline.Connectors.WindTarget;

namespace Pipeline.Jobs.WindEtl;

/// <summary>
/// What is wrong with a day's minutes: minutes with no row, null values and physically impossible values,
/// each with the minutes it concerns. A minute is bad when any of these applies to it.
/// </summary>
public sealed record QualityReport(
    int ExpectedMinutes,
    IReadOnlyList<DateTime> Missing,
    IReadOnlyList<DateTime> NullWindSpeed,
    IReadOnlyList<DateTime> NullPower,
    IReadOnlyList<DateTime> ImpossibleWindSpeed,
    IReadOnlyList<DateTime> ImpossiblePower)
{
    private const int RangesShown = 5;

    public int BadMinutes => Missing.Count + NullWindSpeed.Concat(NullPower).Concat(ImpossibleWindSpeed).Concat(ImpossiblePower).Distinct().Count();

    public double BadShare => ExpectedMinutes == 0 ? 0 : (double)BadMinutes / ExpectedMinutes;

    public static QualityReport Of(IReadOnlyList<StagedMinute> minutes, DateTime start, DateTime end, Plausibility limits)
    {
        var byTime = minutes.ToDictionary(m => m.Timestamp);
        var expected = (int)(end - start).TotalMinutes;
        var missing = new List<DateTime>();
        var nullWind = new List<DateTime>();
        var nullPower = new List<DateTime>();
        var badWind = new List<DateTime>();
        var badPower = new List<DateTime>();
        for (var i = 0; i < expected; i++)
        {
            var at = start.AddMinutes(i);
            if (!byTime.TryGetValue(at, out var minute))
            {
                missing.Add(at);
                continue;
            }
            if (minute.WindSpeed is not { } w) nullWind.Add(at);
            else if (!limits.IsPossibleWindSpeed(w)) badWind.Add(at);
            if (minute.Power is not { } p) nullPower.Add(at);
            else if (!limits.IsPossiblePower(p)) badPower.Add(at);
        }
        return new QualityReport(expected, missing, nullWind, nullPower, badWind, badPower);
    }

    /// <summary>One line per kind of problem found, with its count and the minutes as UTC ranges.</summary>
    public IEnumerable<string> Findings()
    {
        if (Missing.Count > 0) yield return Finding("missing minutes", Missing);
        if (NullWindSpeed.Count > 0) yield return Finding("null wind_speed", NullWindSpeed);
        if (NullPower.Count > 0) yield return Finding("null power", NullPower);
        if (ImpossibleWindSpeed.Count > 0) yield return Finding("impossible wind_speed", ImpossibleWindSpeed);
        if (ImpossiblePower.Count > 0) yield return Finding("impossible power", ImpossiblePower);
    }

    public string Summary() =>
        $"{BadMinutes} of {ExpectedMinutes} minutes are bad ({Percent(BadShare)})" +
        (BadMinutes == 0 ? "" : $": {string.Join("; ", Findings())}");

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Finding(string what, IReadOnlyList<DateTime> minutes)
    {
        var ranges = Ranges(minutes).ToList();
        var shown = string.Join(", ", ranges.Take(RangesShown).Select(r => r.First == r.Last
            ? $"{r.First:HH:mm}"
            : $"{r.First:HH:mm}-{r.Last:HH:mm}"));
        var more = ranges.Count > RangesShown ? $" and {ranges.Count - RangesShown} more ranges" : "";
        return $"{minutes.Count} {what} (UTC {minutes[0]:yyyy-MM-dd} {shown}{more})";
    }

    private static IEnumerable<(DateTime First, DateTime Last)> Ranges(IReadOnlyList<DateTime> minutes)
    {
        var first = minutes[0];
        var last = first;
        foreach (var at in minutes.Skip(1))
        {
            if (at - last == TimeSpan.FromMinutes(1))
            {
                last = at;
                continue;
            }
            yield return (first, last);
            first = last = at;
        }
        yield return (first, last);
    }
}
