using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.HostControl;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Chaos;

/// <summary>
/// Embedded mode (Hangfire in memory, SQLite run store): the host is killed (SIGKILL) during a `hello` backfill
/// and started again on the same data folder. Hangfire's jobs died with it; the run store remembers. The attempts it
/// held are lost and retried, every run succeeds, every task's output equals a clean run's, and nothing ran twice.
/// </summary>
public sealed class EmbeddedRestartTests
{
    private const string Pipeline = "hello";
    private const int Days = 24;

    [Fact]
    public async Task A_host_killed_during_a_backfill_finishes_it_after_a_restart()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = data.Path,
            ["Engine:RegisterSchedules"] = "false",
            ["Engine:SchedulePollingInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
        };
        var store = RunStoreProbe.Sqlite(Path.Combine(data.Path, "pipeline.db"));
        await using var victim = await SchedulerProcess.StartAsync(settings, TestContext.Current.CancellationToken);

        await ChaosSteps.BackfillAsync(victim, "2024-01-01", "2024-01-24", Pipeline);
        var held = await ChaosSteps.KillWhileRunningAsync(store, Pipeline, succeeded: 4, victim);
        Assert.True(await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken) < Days, "the backfill ended before the kill");
        await using var restarted = await SchedulerProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, Days, restarted);

        Assert.Equal(Days, await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken));
        Assert.Equal(held, await store.AttemptsAsync("Lost", victim.HostNamePart, TestContext.Current.CancellationToken));
        Assert.Equal(held, await store.AttemptsAsync("Lost", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.AttemptsAsync("Running", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.TasksSucceededTwiceAsync(TestContext.Current.CancellationToken));
        await AssertOutputsEqualACleanRunAsync(restarted);
        await AssertRunPageShowsTheLostAttemptAsync(store, restarted, victim);
    }

    /// <summary>The run page of a run that lost an attempt says so, with the host that was lost.</summary>
    private static async Task AssertRunPageShowsTheLostAttemptAsync(RunStoreProbe store, SchedulerProcess host, SchedulerProcess victim)
    {
        var ct = TestContext.Current.CancellationToken;
        var runId = (await store.LinesAsync(
            "SELECT t.run_id FROM task_attempts a JOIN task_runs t ON t.id = a.task_run_id WHERE a.outcome = 'Lost' LIMIT 1", ct)).Single();
        var page = await host.Http.GetStringAsync($"/hangfire/pipelines/runs/{runId}", ct);
        Assert.Contains("data-outcome=\"Lost\"", page);
        Assert.Contains(victim.HostNamePart, page);
        Assert.Contains("stopped without finishing it", page);
    }

    /// <summary>Every backfilled run's task outputs equal those of one clean run on the restarted host.</summary>
    private static async Task AssertOutputsEqualACleanRunAsync(SchedulerProcess host)
    {
        var ct = TestContext.Current.CancellationToken;
        using var trigger = await host.Http.PostAsJsonAsync($"/api/pipelines/{Pipeline}/runs", new { partition = "2023-06-01" }, ct);
        trigger.EnsureSuccessStatusCode();
        var cleanId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetString();
        var clean = await Eventually.ReturnsAsync(() => RunAsync(host, cleanId!), r => r.GetProperty("run").GetProperty("state").GetString() == "Succeeded",
            TimeSpan.FromSeconds(60), "the clean run to succeed");
        var expected = Outputs(clean);

        var page = await host.Http.GetFromJsonAsync<JsonElement>($"/api/runs?pipeline={Pipeline}&pageSize=100", ct);
        var backfilled = page.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("partition").GetString()!.StartsWith("2024-01")).ToList();
        Assert.Equal(Days, backfilled.Count);
        foreach (var run in backfilled)
            Assert.Equal(expected, Outputs(await RunAsync(host, run.GetProperty("id").GetString()!)));
    }

    private static Task<JsonElement> RunAsync(SchedulerProcess host, string id) =>
        host.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", TestContext.Current.CancellationToken);

    private static string Outputs(JsonElement run) => string.Join(" | ", run.GetProperty("tasks").EnumerateArray()
        .Select(t => $"{t.GetProperty("task").GetString()}={t.GetProperty("output").GetString()}").Order(StringComparer.Ordinal));
}
