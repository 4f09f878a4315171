using Pipeline.Connectors.WindTarget;
using Pipeline.Jobs.WindEtl;

namespace Pipeline.Tests.Wind;

public sealed class QualityReportTests
{
    private static readonly DateTime Start = new(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Missing_minutes_nulls_and_impossible_values_are_counted_and_named()
    {
        var minutes = Enumerable.Range(0, 60)
            .Where(m => m is < 10 or >= 15)                       // 00:10-00:14 missing
            .Select(m => new StagedMinute(Start.AddMinutes(m),
                m == 20 ? null : m == 30 ? -1 : 5,                 // a null and an impossible wind speed
                m is 40 or 41 ? 9999 : 100))                       // two impossible powers
            .ToList();

        var report = QualityReport.Of(minutes, Start, Start.AddMinutes(60), new Plausibility());

        Assert.Equal(60, report.ExpectedMinutes);
        Assert.Equal(5, report.Missing.Count);
        Assert.Single(report.NullWindSpeed);
        Assert.Single(report.ImpossibleWindSpeed);
        Assert.Equal(2, report.ImpossiblePower.Count);
        Assert.Equal(9, report.BadMinutes);
        Assert.Equal(
            "9 of 60 minutes are bad (15.0%): 5 missing minutes (UTC 2024-10-01 00:10-00:14); 1 null wind_speed (UTC 2024-10-01 00:20); " +
            "1 impossible wind_speed (UTC 2024-10-01 00:30); 2 impossible power (UTC 2024-10-01 00:40-00:41)",
            report.Summary());
    }

    [Fact]
    public void A_minute_with_two_problems_counts_once()
    {
        StagedMinute[] minutes = [new(Start, null, null)];

        var report = QualityReport.Of(minutes, Start, Start.AddMinutes(1), new Plausibility());

        Assert.Equal(1, report.BadMinutes);
    }
}
