using Microsoft.Extensions.Configuration;
using Pipeline.Scheduler.Cli;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cli;

/// <summary>The command line as a user types it, in embedded mode with a data directory of its own.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = _data.Path,
            ["Engine:SchedulePollingInterval"] = "00:00:00.100",
        }));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task List_shows_every_pipeline_with_its_tasks()
    {
        var (exit, output, _) = await RunAsync("list");

        Assert.Equal(0, exit);
        Assert.Contains("hello", output);
        Assert.Contains("combine <- greet_world+greet_team", output);
    }

    [Fact]
    public async Task Run_waits_for_the_run_shows_progress_and_exits_zero_on_success()
    {
        var (exit, output, _) = await RunAsync("run", "hello", "--partition", "2024-10-01", "--param", "greeting=Hey");

        Assert.Equal(0, exit);
        Assert.Contains("UpForRetry after attempt 1 of 3", output);
        Assert.Matches(@"combine\s+Succeeded", output);
        Assert.Matches(@"Run [0-9a-f-]+ Succeeded", output);
    }

    [Fact]
    public async Task Run_exits_non_zero_when_the_run_fails()
    {
        var (exit, output, _) = await RunAsync("run", "hello", "--partition", "2024-10-01", "--param", "team=absent");

        Assert.Equal(1, exit);
        Assert.Matches(@"greet_team\s+Failed after 3 attempt\(s\)", output);
        Assert.Matches(@"combine\s+UpstreamFailed", output);
        Assert.Matches(@"Run [0-9a-f-]+ Failed", output);
    }

    [Theory]
    [InlineData(new[] { "run", "hello", "--partition", "2024-13-01" }, "error: partition: '2024-13-01' is not a date in the form yyyy-MM-dd.")]
    [InlineData(new[] { "run", "nope" }, "error: There is no pipeline named 'nope'.")]
    [InlineData(new[] { "run", "hello", "--param", "novalue" }, "error: --param: 'novalue' is not key=value.")]
    [InlineData(new[] { "backfill", "hello", "--from", "2024-01-10", "--to", "2024-01-01" }, "error: to: 'to' (2024-01-01) is before 'from' (2024-01-10).")]
    public async Task Bad_input_prints_the_same_message_as_the_api_and_exits_two(string[] args, string message)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal(message, error.Trim());
        Assert.DoesNotContain("started", output);
    }

    [Fact]
    public async Task A_missing_required_option_is_refused_with_usage()
    {
        var (exit, _, error) = await RunAsync("backfill", "hello", "--from", "2024-01-01");

        Assert.NotEqual(0, exit);
        Assert.Contains("--to", error);
    }

    [Fact]
    public async Task Backfill_runs_every_day_and_reports_progress()
    {
        var (exit, output, _) = await RunAsync("backfill", "hello", "--from", "2024-02-01", "--to", "2024-02-03");

        Assert.Equal(0, exit);
        Assert.Contains("3 run(s).", output);
        Assert.Contains("3/3 run(s) finished, 0 failed", output);
        Assert.Contains("Backfill succeeded.", output);
    }

    [Fact]
    public async Task A_second_embedded_process_on_the_same_store_is_refused_with_a_message()
    {
        using var server = Pipeline.Scheduler.Hosting.EmbeddedStoreLock.Acquire(Path.Combine(_data.Path, "pipeline.db"));

        var (exit, _, error) = await RunAsync("run", "hello");

        Assert.Equal(2, exit);
        Assert.Contains("Another Pipeline process is using the embedded store", error);
    }

    public void Dispose() => _data.Dispose();
}
