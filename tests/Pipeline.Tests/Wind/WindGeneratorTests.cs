using Pipeline.Connectors.WindSource.Seeding;

namespace Pipeline.Tests.Wind;

public sealed class WindGeneratorTests
{
    [Fact]
    public void The_same_seed_and_day_give_the_same_rows()
    {
        var day = new DateOnly(2024, 10, 3);

        Assert.Equal(new WindGenerator().Day(day), new WindGenerator().Day(day));
        Assert.NotEqual(new WindGenerator().Day(day), new WindGenerator(seed: 7).Day(day));
    }

    [Fact]
    public void A_clean_day_has_a_row_a_minute_with_power_from_the_curve()
    {
        var rows = new WindGenerator().Day(new DateOnly(2024, 10, 2));

        Assert.Equal(1440, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.InRange(r.WindSpeed!.Value, 0, 40);
            Assert.InRange(r.Power!.Value, 0, PowerCurve.RatedKw);
            if (r.WindSpeed < PowerCurve.CutIn) Assert.Equal(0, r.Power);
            Assert.InRange(r.AmbientTemperature!.Value, -5, 30);
        });
        // Persistence: minute to minute the wind changes by far less than its range over the day.
        var steps = rows.Zip(rows.Skip(1), (a, b) => Math.Abs(b.WindSpeed!.Value - a.WindSpeed!.Value)).Order().ToList();
        Assert.True(steps[steps.Count / 2] < 1.0, $"median minute-to-minute change {steps[steps.Count / 2]} m/s");
    }

    [Fact]
    public void The_power_curve_has_its_published_cut_in_rated_and_cut_out()
    {
        Assert.Equal(0, PowerCurve.PowerKw(3.9));
        Assert.Equal(79, PowerCurve.PowerKw(4));
        Assert.Equal(1530, PowerCurve.PowerKw(10));
        Assert.Equal(2000, PowerCurve.PowerKw(20));
        Assert.Equal(0, PowerCurve.PowerKw(25));
    }

    [Fact]
    public void The_fault_days_have_their_gap_nulls_and_impossible_values()
    {
        var generator = new WindGenerator();

        Assert.Equal(1410, generator.Day(SeedFaults.GapDay).Count);
        var nulls = generator.Day(SeedFaults.NullDay);
        Assert.Equal(12, nulls.Count(r => r.WindSpeed is null));
        Assert.Equal(5, nulls.Count(r => r.Power is null));
        var impossible = generator.Day(SeedFaults.ImpossibleDay);
        Assert.Equal(3, impossible.Count(r => r.WindSpeed < 0));
        Assert.Equal(4, impossible.Count(r => r.Power > PowerCurve.RatedKw));
    }
}
