using Microsoft.Extensions.Configuration;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Tests.Wind;

public sealed class WindEtlPipelineTests
{
    private static PipelineDefinition Define(params (string Key, string Value)[] settings) =>
        new WindEtlPipeline(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()).Define();

    [Fact]
    public void By_default_it_runs_utc_days_from_the_first_seeded_day_at_one_in_the_morning()
    {
        var pipeline = Define();

        Assert.Equal(new DateOnly(2024, 10, 1), pipeline.Partitioning!.Start);
        Assert.Equal(TimeZoneInfo.Utc.Id, pipeline.Partitioning.TimeZone.Id);
        Assert.Equal("0 1 * * *", pipeline.Schedule!.Cron);
        Assert.Equal(["extract"], pipeline.Task("transform").Upstream);
        Assert.Equal(["transform", "check"], pipeline.Task("load").Upstream);
        // check retries a glitch like the others; bad data fails it at once (its DataQualityException is an IPermanentFailure).
        Assert.Equal(pipeline.Task("extract").Retry, pipeline.Task("check").Retry);
    }

    [Theory]
    [InlineData("WindEtl:TimeZone", "Mars/Olympus", "WindEtl:TimeZone: 'Mars/Olympus' is not a time zone this machine knows (try UTC or Europe/Zurich).")]
    [InlineData("WindEtl:FirstDay", "2024-10-32", "WindEtl:FirstDay: '2024-10-32' is not a date in the form yyyy-MM-dd.")]
    public void A_bad_setting_stops_the_host_with_a_message_naming_it(string key, string value, string message)
    {
        var refused = Assert.Throws<PipelineDefinitionException>(() => Define((key, value)));

        Assert.Equal(message, refused.Message);
    }
}
