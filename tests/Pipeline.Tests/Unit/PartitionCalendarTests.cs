using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Jobs;

namespace Pipeline.Tests.Unit;

public sealed class PartitionCalendarTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    private sealed class Noop : IJob
    {
        public Task<JobResult> RunAsync(JobContext context) => Task.FromResult(JobResult.Empty);
    }

    [Fact]
    public void A_plain_day_in_Zurich_is_24_hours_from_local_midnight()
    {
        var day = PartitionCalendar.Window(new DateOnly(2024, 10, 1), Zurich);

        Assert.Equal(DateTimeOffset.Parse("2024-09-30T22:00:00Z"), day.Start);
        Assert.Equal(TimeSpan.FromHours(24), day.Length);
    }

    [Fact]
    public void The_spring_daylight_saving_day_has_23_hours()
    {
        var day = PartitionCalendar.Window(new DateOnly(2024, 3, 31), Zurich);

        Assert.Equal(DateTimeOffset.Parse("2024-03-30T23:00:00Z"), day.Start);
        Assert.Equal(DateTimeOffset.Parse("2024-03-31T22:00:00Z"), day.End);
        Assert.Equal(TimeSpan.FromHours(23), day.Length);
    }

    [Fact]
    public void The_autumn_daylight_saving_day_has_25_hours()
    {
        var day = PartitionCalendar.Window(new DateOnly(2024, 10, 27), Zurich);

        Assert.Equal(DateTimeOffset.Parse("2024-10-26T22:00:00Z"), day.Start);
        Assert.Equal(TimeSpan.FromHours(25), day.Length);
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_its_first_real_minute()
    {
        // São Paulo moved clocks from 00:00 to 01:00 on 2018-11-04.
        var saoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

        var day = PartitionCalendar.Window(new DateOnly(2018, 11, 4), saoPaulo);

        Assert.Equal(DateTimeOffset.Parse("2018-11-04T03:00:00Z"), day.Start);
        Assert.Equal(TimeSpan.FromHours(23), day.Length);
    }

    [Fact]
    public void Consecutive_days_tile_time_without_gaps()
    {
        var first = new DateOnly(2024, 3, 25);
        for (var i = 0; i < 14; i++)
        {
            var day = PartitionCalendar.Window(first.AddDays(i), Zurich);
            var next = PartitionCalendar.Window(first.AddDays(i + 1), Zurich);
            Assert.Equal(day.End, next.Start);
        }
    }

    [Theory]
    [InlineData("2024-10-02T00:30:00Z", "UTC", "2024-10-01")]
    [InlineData("2024-10-01T23:30:00Z", "Europe/Zurich", "2024-10-01")] // 01:30 on the 2nd in Zurich
    [InlineData("2024-10-01T23:30:00Z", "America/New_York", "2024-09-30")] // 19:30 on the 1st in New York
    [InlineData("2024-10-01T12:00:00Z", "Pacific/Kiritimati", "2024-10-01")] // 02:00 on the 2nd at UTC+14
    public void A_daily_schedule_runs_the_local_day_that_just_closed(string firedAt, string zone, string expected)
    {
        var day = PartitionCalendar.DayClosedBefore(DateTimeOffset.Parse(firedAt), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(DateOnly.Parse(expected), day);
    }

    [Fact]
    public void Partitions_are_checked_against_the_pipelines_first_day_and_today()
    {
        var pipeline = new PipelineBuilder("daily").PartitionedDaily(new DateOnly(2024, 10, 1), "Europe/Zurich").Task<Noop>("a").Build();
        var now = DateTimeOffset.Parse("2024-10-22T23:30:00Z"); // already the 23rd in Zurich

        Assert.Equal(new DateOnly(2024, 10, 23), PartitionValidator.Validate(pipeline, "2024-10-23", now));
        Assert.Equal(new DateOnly(2024, 10, 22), PartitionValidator.Validate(pipeline, null, now));

        var early = Assert.Throws<InvalidRequestException>(() => PartitionValidator.Validate(pipeline, "2024-09-30", now));
        Assert.Equal("partition", early.Field);
        Assert.Contains("before the first partition", early.Message);

        var future = Assert.Throws<InvalidRequestException>(() => PartitionValidator.Validate(pipeline, "2024-10-24", now));
        Assert.Contains("in the future", future.Message);

        var malformed = Assert.Throws<InvalidRequestException>(() => PartitionValidator.Validate(pipeline, "2024-13-01", now));
        Assert.Contains("not a date in the form yyyy-MM-dd", malformed.Message);
    }

    [Fact]
    public void An_unpartitioned_pipeline_refuses_a_partition()
    {
        var pipeline = new PipelineBuilder("plain").Task<Noop>("a").Build();

        var error = Assert.Throws<InvalidRequestException>(() => PartitionValidator.Validate(pipeline, "2024-10-01", DateTimeOffset.UtcNow));

        Assert.Equal("partition", error.Field);
    }
}
