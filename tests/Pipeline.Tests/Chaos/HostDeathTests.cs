using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Pipeline.HostControl;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Chaos;

/// <summary>
/// A host dies (SIGKILL, no shutdown code runs) in the middle of a wind-etl backfill on PostgreSQL. What it was
/// running is lost and runs again on a live host; every run succeeds; the target equals a clean backfill row for
/// row; no task's work is recorded twice; no attempt is left running. Two days' loads are held until the fault has
/// landed (<see cref="HeldLoads"/>), so that it lands in the middle of the backfill however fast the rest goes.
/// </summary>
[Collection(WindChaosCollection.Name)]
public sealed class HostDeathTests(WindChaosFixture wind)
{
    private const string Pipeline = "wind-etl";

    [Fact]
    public async Task One_host_of_two_killed_and_never_restarted_its_work_finishes_on_the_other()
    {
        await using var engine = await PostgresDatabase.CreateAsync("chaos_two");
        await using var target = await PostgresDatabase.CreateAsync("chaos_two_target");
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var store = RunStoreProbe.Postgres(engine.ConnectionString);
        await using var victim = await SchedulerProcess.StartAsync(wind.HostSettings(engine.ConnectionString, target.ConnectionString, dataA.Path), TestContext.Current.CancellationToken);
        await using var survivor = await SchedulerProcess.StartAsync(wind.HostSettings(engine.ConnectionString, target.ConnectionString, dataB.Path), TestContext.Current.CancellationToken);
        // Frozen until the victim's death: a worker goes on inline with the tasks and runs its task makes ready, so the host
        // that takes a backfill's first tasks keeps most of it, and the victim might never hold an attempt when looked at.
        survivor.Freeze();
        await using var loads = await HeldLoads.HoldAsync(target.ConnectionString, WindChaosFixture.Held);

        await ChaosSteps.BackfillAsync(victim, WindChaosFixture.First, WindChaosFixture.Last);
        var held = await ChaosSteps.KillWhileRunningAsync(store, Pipeline, succeeded: 3, victim);
        await loads.ReleaseAsync();
        survivor.Thaw();
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, WindChaosFixture.Days, survivor);

        await AssertCleanOutcomeAsync(store, target.ConnectionString, victim, held);
    }

    [Fact]
    public async Task The_only_host_killed_and_restarted_finishes_every_run()
    {
        await using var engine = await PostgresDatabase.CreateAsync("chaos_restart");
        await using var target = await PostgresDatabase.CreateAsync("chaos_restart_target");
        using var data = new TempDirectory();
        var store = RunStoreProbe.Postgres(engine.ConnectionString);
        var settings = wind.HostSettings(engine.ConnectionString, target.ConnectionString, data.Path);
        await using var victim = await SchedulerProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        await using var loads = await HeldLoads.HoldAsync(target.ConnectionString, WindChaosFixture.Held);

        await ChaosSteps.BackfillAsync(victim, WindChaosFixture.First, WindChaosFixture.Last);
        var held = await ChaosSteps.KillWhileRunningAsync(store, Pipeline, succeeded: 3, victim);
        await loads.ReleaseAsync();
        await using var restarted = await SchedulerProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, WindChaosFixture.Days, restarted);

        await AssertCleanOutcomeAsync(store, target.ConnectionString, victim, held);
    }

    [Fact]
    public async Task A_dead_hosts_lost_tasks_run_again_while_hangfires_schedule_lock_is_stuck()
    {
        await using var engine = await PostgresDatabase.CreateAsync("chaos_lock");
        await using var target = await PostgresDatabase.CreateAsync("chaos_lock_target");
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var store = RunStoreProbe.Postgres(engine.ConnectionString);
        // Hangfire.PostgreSql's own default: a lock left by a dead holder stays for 10 minutes.
        Dictionary<string, string?> Settings(string data)
        {
            var settings = wind.HostSettings(engine.ConnectionString, target.ConnectionString, data);
            settings["Engine:DistributedLockTimeout"] = "00:10:00";
            return settings;
        }
        await using var victim = await SchedulerProcess.StartAsync(Settings(dataA.Path), TestContext.Current.CancellationToken);
        await using var survivor = await SchedulerProcess.StartAsync(Settings(dataB.Path), TestContext.Current.CancellationToken);
        // The lock under which Hangfire moves due scheduled jobs to their queues, held from here to the end, as a host
        // killed while holding it leaves it: no scheduled job is enqueued meanwhile. The retries of the victim's lost
        // attempts must not wait for it. Taken before the survivor is frozen, which might otherwise freeze it holding the lock.
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        var hangfire = new PostgreSqlStorage(new NpgsqlConnectionFactory(engine.ConnectionString, options), options);
        using var connection = hangfire.GetConnection();
        using var scheduleLock = connection.AcquireDistributedLock("locks:schedulepoller", TimeSpan.FromSeconds(30));
        // Frozen until the victim's death: a worker goes on inline with the tasks and runs its task makes ready, so the host
        // that takes a backfill's first tasks keeps most of it, and the victim might never hold an attempt when looked at.
        survivor.Freeze();
        await using var loads = await HeldLoads.HoldAsync(target.ConnectionString, WindChaosFixture.Held);

        await ChaosSteps.BackfillAsync(victim, WindChaosFixture.First, WindChaosFixture.Last);
        var held = await ChaosSteps.KillWhileRunningAsync(store, Pipeline, succeeded: 3, victim);
        await loads.ReleaseAsync();
        survivor.Thaw();
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, WindChaosFixture.Days, survivor);

        await AssertCleanOutcomeAsync(store, target.ConnectionString, victim, held);
    }

    [Fact]
    public async Task A_host_stopped_cleanly_hands_its_running_attempts_back_at_once()
    {
        await using var engine = await PostgresDatabase.CreateAsync("chaos_stop");
        await using var target = await PostgresDatabase.CreateAsync("chaos_stop_target");
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var store = RunStoreProbe.Postgres(engine.ConnectionString);
        var stopping = wind.HostSettings(engine.ConnectionString, target.ConnectionString, dataA.Path);
        // No grace: what runs when the signal comes is handed back, not waited for.
        stopping["Engine:ShutdownGracePeriod"] = "00:00:00";
        await using var victim = await SchedulerProcess.StartAsync(stopping, TestContext.Current.CancellationToken);
        await using var survivor = await SchedulerProcess.StartAsync(wind.HostSettings(engine.ConnectionString, target.ConnectionString, dataB.Path), TestContext.Current.CancellationToken);
        // Frozen until the victim has stopped: a worker goes on inline with the tasks and runs its task makes ready, so the host
        // that takes a backfill's first tasks keeps most of it, and the victim might never hold an attempt when looked at.
        survivor.Freeze();
        await using var loads = await HeldLoads.HoldAsync(target.ConnectionString, WindChaosFixture.Held);

        await ChaosSteps.BackfillAsync(victim, WindChaosFixture.First, WindChaosFixture.Last);
        await ChaosSteps.WaitForMomentAsync(store, Pipeline, succeeded: 3, victim);
        Assert.Equal(0, await victim.StopAsync(TimeSpan.FromSeconds(30)));
        // Nothing of the stopped host is left running for the lease to find: what it held is handed back or ended.
        Assert.Equal(0, await store.RunningOnAsync(victim.HostNamePart, TestContext.Current.CancellationToken));
        await loads.ReleaseAsync();
        survivor.Thaw();
        await ChaosSteps.WaitForRunsAsync(store, Pipeline, WindChaosFixture.Days, survivor);

        Assert.Equal(WindChaosFixture.Days, await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.AttemptsAsync("Lost", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.AttemptsAsync("Running", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.TasksSucceededTwiceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(wind.CleanTarget, await WindChaosFixture.ReadTargetAsync(target.ConnectionString));
    }

    private async Task AssertCleanOutcomeAsync(RunStoreProbe store, string target, SchedulerProcess victim, long held)
    {
        Assert.Equal(WindChaosFixture.Days, await store.RunsAsync(Pipeline, "Succeeded", TestContext.Current.CancellationToken));
        // Exactly the attempts the victim held when it died were lost, and nothing else.
        Assert.Equal(held, await store.AttemptsAsync("Lost", victim.HostNamePart, TestContext.Current.CancellationToken));
        Assert.Equal(held, await store.AttemptsAsync("Lost", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.AttemptsAsync("Running", ct: TestContext.Current.CancellationToken));
        Assert.Equal(0, await store.TasksSucceededTwiceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(wind.CleanTarget, await WindChaosFixture.ReadTargetAsync(target));
    }
}
