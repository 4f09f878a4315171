using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Api;

namespace Pipeline.Tests.Wind;

/// <summary>wind-etl with its days in Europe/Zurich: the days the clocks change have 25 and 23 hours.</summary>
public sealed class WindDaylightSavingTests(ZurichWindFactory factory) : IClassFixture<ZurichWindFactory>
{
    [Fact]
    public async Task The_pipeline_runs_daily_at_one_in_its_time_zone_for_the_day_that_just_closed()
    {
        var pipeline = await factory.CreateClient().GetJsonAsync("/api/pipelines/wind-etl");

        var edges = pipeline.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from")}->{e.GetProperty("to")}");
        Assert.Equal(["extract->transform", "extract->check", "transform->load", "check->load"], edges);
        Assert.Equal("2024-03-01", pipeline.GetProperty("partitioning").GetProperty("start").GetString());
        Assert.Equal("Europe/Zurich", pipeline.GetProperty("partitioning").GetProperty("timeZone").GetString());
        var schedule = pipeline.GetProperty("schedule");
        Assert.Equal("0 1 * * *", schedule.GetProperty("cron").GetString());
        Assert.Equal("Europe/Zurich", schedule.GetProperty("timeZone").GetString());
        var next = TimeZoneInfo.ConvertTime(schedule.GetProperty("nextRunAt").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));
        Assert.Equal(new TimeOnly(1, 0), TimeOnly.FromDateTime(next.DateTime));
    }

    [Theory]
    [InlineData("2024-10-27", "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z", 150)]
    [InlineData("2024-03-31", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", 138)]
    public async Task A_daylight_saving_day_has_a_window_every_ten_minutes_of_its_local_day(string day, string utcStart, string utcEnd, int windows)
    {
        var date = DateOnly.Parse(day);
        await factory.SeedAsync(date.AddDays(-1), date.AddDays(1));

        var run = await factory.RunDayAsync(day);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var start = DateTimeOffset.Parse(utcStart);
        var end = DateTimeOffset.Parse(utcEnd);
        var data = await factory.DataAsync(start.AddDays(-1), end.AddDays(1));
        Assert.Equal(windows * 8, data.Count);
        Assert.Equal(start.UtcDateTime, data.Min(d => d.Timestamp));
        Assert.Equal(end.UtcDateTime.AddMinutes(-10), data.Max(d => d.Timestamp));
        Assert.Contains($"\"expected\":{windows * 10}", run.Tasks.Single(t => t.Task == "check").Output);
    }
}
