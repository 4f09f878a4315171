using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Tests.Wind;

/// <summary>
/// The source API served by another host (WindEtl:SourceApi:Url), which is down at first: extract retries
/// (the HTTP client's retries, then the task's), the run fails saying why, and once the API is back a
/// later run of the same day succeeds.
/// </summary>
public sealed class SourceApiOutageTests
{
    [Fact]
    public async Task A_run_fails_clearly_while_the_source_api_is_down_and_a_later_run_succeeds()
    {
        var port = WindWebFactory.FreePort();
        await using var etl = new WindWebFactory();
        etl.Settings["WindEtl:SourceApi:Url"] = $"http://127.0.0.1:{port}";
        etl.Settings["WindEtl:SourceApi:Retries"] = "2";
        etl.Settings["WindEtl:TaskAttempts"] = "2";
        etl.StartServer();

        var failed = await etl.RunDayAsync("2024-10-03");

        Assert.Equal(RunState.Failed, failed.Run.State);
        var extract = failed.Tasks.Single(t => t.Task == "extract");
        Assert.Equal(TaskState.Failed, extract.State);
        Assert.Equal(2, extract.Attempts);
        Assert.StartsWith("SourceApiUnavailableException: The source API could not be reached (after the client's retries): Connection refused", extract.Error);
        Assert.All(failed.Tasks.Where(t => t.Task != "extract"), t => Assert.Equal(TaskState.UpstreamFailed, t.State));

        await using var source = WindWebFactory.OnPort(port);
        source.StartServer();

        var recovered = await etl.RunDayAsync("2024-10-03");

        Assert.Equal(RunState.Succeeded, recovered.Run.State);
        var start = new DateTimeOffset(2024, 10, 3, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(1152, (await etl.DataAsync(start, start.AddDays(1))).Count);
    }
}
