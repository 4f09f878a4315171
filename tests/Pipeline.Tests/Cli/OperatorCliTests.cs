using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Pipeline.Scheduler.Cli;
using Pipeline.Tests.Api;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cli;

/// <summary>
/// The operator commands as a user types them: in this process on an embedded store of their own, and through a
/// running server's API with --server; exit codes 0 (done), 1 (a failed result or a conflict), 2 (bad input), 3 (unavailable).
/// </summary>
public sealed partial class OperatorCliTests(ApiFactory server) : IClassFixture<ApiFactory>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _data = new();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = _data.Path,
            ["Engine:SchedulePollingInterval"] = "00:00:00.100",
        }), server.Server.CreateHandler());
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Without_a_server_the_commands_act_on_the_local_store_and_exit_by_result()
    {
        var backfill = await RunAsync("backfill", "hello", "--from", "2024-02-01", "--to", "2024-02-02");
        Assert.Equal(0, backfill.Exit);
        var id = BackfillId().Match(backfill.Output).Groups[1].Value;

        var list = await RunAsync("backfills", "--pipeline", "hello");
        Assert.Equal(0, list.Exit);
        Assert.Matches($@"{id}\s+hello\s+2024-02-01 to 2024-02-02\s+Succeeded\s+2/2 finished", list.Output);

        var status = await RunAsync("backfill-status", id);
        Assert.Equal(0, status.Exit);
        Assert.Contains("[##############################] 100%", status.Output);

        Assert.Equal((0, "hello is paused"), Summary(await RunAsync("pause", "hello")));
        Assert.Equal((0, "hello is not paused"), Summary(await RunAsync("unpause", "hello")));

        var cancel = await RunAsync("cancel-backfill", id);
        Assert.Equal(1, cancel.Exit);
        Assert.Contains("nothing to cancel", cancel.Error);
        Assert.Equal(1, (await RunAsync("retry-failed", id)).Exit);

        var unknown = await RunAsync("cancel-backfill", Guid.Empty.ToString());
        Assert.Equal(2, unknown.Exit);
        Assert.Equal($"error: There is no backfill {Guid.Empty}.", unknown.Error.Trim());

        var clear = await RunAsync("clear", "hello", "--from", "2024-02-01", "--to", "2024-02-02", "--task", "combine", "--only", "all");
        Assert.Equal(0, clear.Exit);
        Assert.Contains("Cleared 2 task(s) in 2 run(s).", clear.Output);
    }

    [Theory]
    [InlineData(new[] { "clear", "hello", "--from", "2024-01-01", "--to", "2024-01-02", "--only", "some" }, "error: only: 'only' must be one of failed, all, not 'some'.")]
    [InlineData(new[] { "clear", "hello", "--from", "2024-01-01", "--to", "2024-01-02", "--task", "nope" }, "error: tasks: Pipeline 'hello' has no task 'nope'; its tasks are pick_greeting, greet_world, greet_team, combine.")]
    [InlineData(new[] { "pause", "nope" }, "error: There is no pipeline named 'nope'.")]
    public async Task Bad_input_gets_the_same_message_locally_and_through_the_server_and_exits_two(string[] args, string message)
    {
        var local = await RunAsync(args);
        var remote = await RunAsync([.. args, "--server", "http://localhost"]);

        Assert.Equal((2, message), (local.Exit, local.Error.Trim()));
        Assert.Equal((2, message), (remote.Exit, remote.Error.Trim()));
    }

    [Fact]
    public async Task With_a_server_a_backfill_is_cancelled_through_its_api_and_the_audit_says_who()
    {
        var client = server.CreateClient();
        // Paused, so none of the 20 runs can end by itself before the cancel: on a loaded machine the CLI's first
        // call (building its host, JIT) took longer than the backfill's first run, and then only 19 were left to cancel.
        Guid id;
        await using (await PausedPipeline.PauseAsync(client, "hello"))
        {
            using var created = await client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from = "2024-03-01", to = "2024-03-20", maxConcurrentRuns = 1 }, Ct);
            id = (await created.ReadAsync()).GetProperty("backfillId").GetGuid();

            var cancel = await RunAsync("cancel-backfill", id.ToString(), "--server", "http://localhost");
            Assert.Equal(0, cancel.Exit);
            Assert.Contains("Cancelled 20 run(s)", cancel.Output);
        }

        var status = await RunAsync("backfill-status", id.ToString(), "--server", "http://localhost");
        Assert.Equal(1, status.Exit);
        Assert.Contains("Cancelled", status.Output);
        var audit = await client.GetJsonAsync($"/api/backfills/{id}");
        var actor = audit.GetProperty("audit")[0].GetProperty("actor").GetString();
        Assert.Equal($"api:127.0.0.1 (cli:{Environment.UserName}@{Environment.MachineName})", actor);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_or_a_bad_address_is_said_plainly()
    {
        var bad = await RunAsync("pause", "hello", "--server", "ftp://example");
        Assert.Equal(2, bad.Exit);
        Assert.Equal("error: --server: 'ftp://example' is not an http:// or https:// address.", bad.Error.Trim());
    }

    private static (int, string) Summary((int Exit, string Output, string Error) result) =>
        (result.Exit, result.Output.Split(" (since")[0].Trim());

    [GeneratedRegex("Backfill ([0-9a-f-]{36})")]
    private static partial Regex BackfillId();

    public void Dispose() => _data.Dispose();
}
