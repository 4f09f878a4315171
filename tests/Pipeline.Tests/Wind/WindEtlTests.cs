using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Apis.WindSource;
using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindTarget;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Api;

namespace Pipeline.Tests.Wind;

/// <summary>
/// wind-etl end to end in embedded mode: the real host on a real port, extract reading the host's own
/// source API over HTTP, aggregates in the SQLite target. Each test works on a day of its own.
/// </summary>
public sealed class WindEtlTests(WindWebFactory factory) : IClassFixture<WindWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (DateTimeOffset Start, DateTimeOffset End) Utc(string day)
    {
        var start = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (start, start.AddDays(1));
    }

    private static TaskRunView Task(RunDetail run, string name) => run.Tasks.Single(t => t.Task == name);

    [Fact]
    public async Task A_day_is_loaded_as_the_aggregates_of_the_source_rows()
    {
        var run = await factory.RunDayAsync("2024-10-01");

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var (start, end) = Utc("2024-10-01");
        var data = await factory.DataAsync(start, end);
        Assert.Equal(144 * 8, data.Count);

        // Recomputed here from what the source API itself answers, by grouping minutes into windows.
        var rows = await factory.CreateClient().GetJsonAsync("/api/source/data?start=2024-10-01T00:00:00Z&end=2024-10-02T00:00:00Z&variables=wind_speed,power");
        var windows = rows.EnumerateArray()
            .Select(r => (At: r.GetProperty("timestamp").GetDateTime(), Wind: r.GetProperty("wind_speed").GetDouble(), Power: r.GetProperty("power").GetDouble()))
            .GroupBy(r => new DateTime(r.At.Ticks - r.At.Ticks % TimeSpan.FromMinutes(10).Ticks, DateTimeKind.Utc))
            .ToList();
        Assert.Equal(144, windows.Count);
        foreach (var window in windows)
        {
            double Stored(string signal) => data.Single(d => d.Timestamp == window.Key && WindSignals.NameOf(d.SignalId) == signal).Value;
            var wind = window.Select(w => w.Wind).ToList();
            var power = window.Select(w => w.Power).ToList();
            Assert.Equal(wind.Average(), Stored("wind_speed_mean"), 9);
            Assert.Equal(wind.Min(), Stored("wind_speed_min"));
            Assert.Equal(power.Max(), Stored("power_max"));
            Assert.Equal(SampleStd(power), Stored("power_std"), 6);
            Assert.Equal(SampleStd(wind), Stored("wind_speed_std"), 9);
        }
    }

    private static double SampleStd(IReadOnlyList<double> xs)
    {
        var mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => Math.Pow(x - mean, 2)) / (xs.Count - 1));
    }

    [Fact]
    public async Task Running_a_day_twice_leaves_exactly_the_same_rows()
    {
        var (start, end) = Utc("2024-10-02");
        Assert.Equal(RunState.Succeeded, (await factory.RunDayAsync("2024-10-02")).Run.State);
        var first = await factory.DataAsync(start, end);

        Assert.Equal(RunState.Succeeded, (await factory.RunDayAsync("2024-10-02")).Run.State);
        var second = await factory.DataAsync(start, end);

        Assert.Equal(1152, first.Count);
        Assert.Equal(first, second);
        // The neighbouring days are untouched.
        Assert.Empty(await factory.DataAsync(end, end.AddDays(1)));
    }

    [Fact]
    public async Task A_loaded_day_leaves_no_staged_windows_keeps_extracts_minutes_and_loading_it_again_keeps_its_rows()
    {
        var (start, end) = Utc("2024-10-07");
        Assert.Equal(RunState.Succeeded, (await factory.RunDayAsync("2024-10-07")).Run.State);
        var store = factory.Get<WindTargetStore>();
        // Extract's output stays, for replaying transform without reading the source again (see WindClearTests).
        Assert.Equal(1440, (await store.ReadStagedMinutesAsync(start.UtcDateTime, end.UtcDateTime, Ct)).Count);
        await using (var db = store.CreateContext())
            Assert.Equal(0, await db.StagedWindows.CountAsync(w => w.Timestamp >= start.UtcDateTime && w.Timestamp < end.UtcDateTime, Ct));
        var loaded = await factory.DataAsync(start, end);
        Assert.Equal(1152, loaded.Count);

        // A load run again once its staging is gone (its attempt committed, its task's success was not recorded).
        Assert.Equal(1152, await store.LoadAsync(start.UtcDateTime, end.UtcDateTime, Ct));
        Assert.Equal(loaded, await factory.DataAsync(start, end));
    }

    [Fact]
    public async Task The_check_reports_the_seeded_gap_and_the_day_still_loads()
    {
        var run = await factory.RunDayAsync("2024-10-04");

        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.Contains("\"missing\":30", Task(run, "check").Output);
        var logs = await factory.Get<RunQueries>().LogsAsync(run.Run.Id, "check", 100, Ct);
        Assert.Contains(logs, l => l.Message.Contains("30 missing minutes (UTC 2024-10-04 01:00-01:29)"));
        var (start, end) = Utc("2024-10-04");
        var data = await factory.DataAsync(start, end);
        Assert.Equal(141 * 8, data.Count);   // the three windows of the gap have no value at all
        Assert.DoesNotContain(data, d => d.Timestamp == start.UtcDateTime.AddHours(1));
    }

    [Fact]
    public async Task Impossible_values_are_reported_and_left_out_of_the_aggregates()
    {
        var run = await factory.RunDayAsync("2024-10-15");

        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.Contains("\"impossible\":7", Task(run, "check").Output);
        var (start, end) = Utc("2024-10-15");
        var data = await factory.DataAsync(start, end);
        Assert.All(data.Where(d => WindSignals.NameOf(d.SignalId) == "wind_speed_min"), d => Assert.True(d.Value >= 0));
        Assert.All(data.Where(d => WindSignals.NameOf(d.SignalId) == "power_max"), d => Assert.True(d.Value <= 2000));
    }

    [Fact]
    public async Task A_day_with_too_many_bad_minutes_fails_the_check_and_is_not_loaded()
    {
        // Real-looking measurements for one day, with half the wind speeds missing.
        var start = new DateTime(2024, 10, 21, 0, 0, 0, DateTimeKind.Utc);
        var readings = Enumerable.Range(0, 1440)
            .Select(m => new SourceReading(start.AddMinutes(m), m % 2 == 0 ? null : 8.0, 900, 12))
            .ToList();
        await factory.ImportAsync(readings);

        var run = await factory.RunDayAsync("2024-10-21");

        Assert.Equal(RunState.Failed, run.Run.State);
        var check = Task(run, "check");
        Assert.Equal(TaskState.Failed, check.State);
        Assert.Equal(1, check.Attempts);
        Assert.Contains("720 of 1440 minutes are bad (50.0%): 720 null wind_speed (UTC 2024-10-21 00:00, 00:02, 00:04, 00:06, 00:08 and 715 more ranges); at most 10.0% are accepted.", check.Error);
        Assert.Equal(TaskState.UpstreamFailed, Task(run, "load").State);
        Assert.Empty(await factory.DataAsync(new DateTimeOffset(start), new DateTimeOffset(start.AddDays(1))));
    }

    [Fact]
    public async Task A_day_the_source_has_no_data_for_fails_saying_to_seed_it()
    {
        var run = await factory.RunDayAsync("2024-11-05");

        Assert.Equal(RunState.Failed, run.Run.State);
        Assert.Contains("\"minutes\":0", Task(run, "extract").Output);
        Assert.EndsWith("1440 of 1440 minutes are bad (100.0%): 1440 missing minutes (UTC 2024-11-05 00:00-23:59); at most 10.0% are accepted. " +
            "The source has no data for this day: fill it with `seed-source`.", Task(run, "check").Error);
    }

    [Fact]
    public async Task Extract_calls_the_hosts_own_source_api_over_http()
    {
        var address = await factory.Get<ISourceApiAddress>().GetAsync(Ct);

        Assert.Equal("127.0.0.1", address.Host);
        Assert.Equal(factory.Get<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single(), address.ToString().TrimEnd('/'));
    }
}
