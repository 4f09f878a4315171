using Pipeline.HostControl;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Chaos;

/// <summary>
/// PostgreSQL (run store, Hangfire's storage, the wind source and target: all of it) is stopped and started again
/// in the middle of a wind-etl backfill, under two running hosts. Connections drop and transactions fail; the
/// engine retries its own store operations and the tasks' retries absorb the rest: every run still succeeds, no
/// task is left stranded, nothing is written twice, and the target equals a clean backfill row for row.
/// </summary>
[Collection(WindChaosCollection.Name)]
public sealed class PostgresRestartTests(WindChaosFixture wind)
{
    private const string Pipeline = "wind-etl";

    /// <summary>How long the database stays down: the fault itself, not a wait for anything.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The tasks' own retries as shipped (5 s, then 10 s): the tasks read and write the same database, and their retries
    /// must outlast its restart, as the shipped policy does; the fault tests' shortened 1 s delay would not.
    /// </summary>
    private static Dictionary<string, string?> AsShipped(Dictionary<string, string?> settings)
    {
        settings.Remove("WindEtl:TaskRetryDelay");
        return settings;
    }

    [Fact]
    public async Task A_backfill_survives_a_database_restart_under_it()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var engine = await server.CreateDatabaseAsync("engine");
        var source = await server.CreateDatabaseAsync("source");
        var target = await server.CreateDatabaseAsync("target");
        await WindChaosFixture.SeedAsync(source);
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var store = RunStoreProbe.Postgres(engine);
        await using var hostA = await SchedulerProcess.StartAsync(AsShipped(wind.HostSettings(engine, target, dataA.Path, source)), TestContext.Current.CancellationToken);
        await using var hostB = await SchedulerProcess.StartAsync(AsShipped(wind.HostSettings(engine, target, dataB.Path, source)), TestContext.Current.CancellationToken);
        // Held until the database stops, which ends the hold with its connection: the outage finds loads running.
        await using var loads = await HeldLoads.HoldAsync(target, WindChaosFixture.Held);

        await ChaosSteps.BackfillAsync(hostA, WindChaosFixture.First, WindChaosFixture.Last);
        var before = await Eventually.ReturnsAsync(() => store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken), n => n >= 3, TimeSpan.FromSeconds(120), "3 runs to succeed");
        Assert.True(before < WindChaosFixture.Days - 2, $"the backfill was nearly over ({before} runs succeeded) before the fault");
        await server.StopAsync();
        await Task.Delay(Outage, TestContext.Current.CancellationToken);
        await server.ResumeAsync();
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, WindChaosFixture.Days, hostB, seconds: 240);

        var succeeded = await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken);
        // The attempts that did not succeed say why a run failed (a task out of retries while the database came back, say).
        Assert.True(succeeded == WindChaosFixture.Days, $"{succeeded} of {WindChaosFixture.Days} runs succeeded; attempts that did not:\n" +
            string.Join("\n", await store.AttemptsNotSucceededAsync(Pipeline, TestContext.Current.CancellationToken)));
        Assert.Equal(0, await store.AttemptsAsync("Running", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.TasksSucceededTwiceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(wind.CleanTarget, await WindChaosFixture.ReadTargetAsync(target));
    }
}
