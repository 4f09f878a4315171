using Pipeline.HostControl;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Chaos;

/// <summary>
/// Embedded mode (Hangfire in memory, SQLite run store): the host is killed (SIGKILL) during a wind-etl backfill and
/// started again on the same data folder. Hangfire's jobs died with it; the run store remembers. The attempts it held
/// are lost and retried, every run succeeds, the target equals a clean backfill row for row, and nothing ran twice.
/// The wind source and target are PostgreSQL databases, as a user's would be; two days' loads are held until the kill
/// (<see cref="HeldLoads"/>), so that it lands in the middle of the backfill however fast the rest goes.
/// </summary>
[Collection(WindChaosCollection.Name)]
public sealed class EmbeddedRestartTests(WindChaosFixture wind)
{
    private const string Pipeline = "wind-etl";

    [Fact]
    public async Task A_host_killed_during_a_backfill_finishes_it_after_a_restart()
    {
        await using var target = await PostgresDatabase.CreateAsync("chaos_embedded_target");
        using var data = new TempDirectory();
        var settings = wind.EmbeddedHostSettings(target.ConnectionString, data.Path);
        var store = RunStoreProbe.Sqlite(Path.Combine(data.Path, "pipeline.db"));
        await using var victim = await SchedulerProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        await using var loads = await HeldLoads.HoldAsync(target.ConnectionString, WindChaosFixture.Held);

        await ChaosSteps.BackfillAsync(victim, WindChaosFixture.First, WindChaosFixture.Last);
        var held = await ChaosSteps.KillWhileRunningAsync(store, Pipeline, succeeded: 3, victim);
        Assert.True(await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken) < WindChaosFixture.Days, "the backfill ended before the kill");
        await loads.ReleaseAsync();
        await using var restarted = await SchedulerProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, WindChaosFixture.Days, restarted);

        Assert.Equal(WindChaosFixture.Days, await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken));
        Assert.Equal(held, await store.AttemptsAsync("Lost", victim.HostNamePart, TestContext.Current.CancellationToken));
        Assert.Equal(held, await store.AttemptsAsync("Lost", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.AttemptsAsync("Running", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.TasksSucceededTwiceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(wind.CleanTarget, await WindChaosFixture.ReadTargetAsync(target.ConnectionString));
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
}
