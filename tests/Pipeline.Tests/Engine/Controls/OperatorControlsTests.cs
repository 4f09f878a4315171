using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine.Controls;

/// <summary>Pause, backfills as objects, clearing across runs and run priority, on both storages.</summary>
public abstract class OperatorControlsTests<TFixture>(TFixture engine) where TFixture : EngineFixture
{
    private static readonly Actor Tester = new("test:operator");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PipelinePauses Pauses => engine.Services.GetRequiredService<PipelinePauses>();
    private BackfillControl Backfills => engine.Services.GetRequiredService<BackfillControl>();
    private BackfillQueries BackfillViews => engine.Services.GetRequiredService<BackfillQueries>();

    [Fact]
    public async Task A_paused_pipeline_makes_no_scheduled_runs_and_its_queued_runs_wait_until_unpaused_or_started_by_hand()
    {
        await Pauses.PauseAsync("scheduled", Tester, Ct);
        Assert.True((await engine.Services.GetRequiredService<PipelineQueries>().GetAsync("scheduled", Ct))!.Paused);
        // Its schedule is due for real at 11:00 UTC each day, and fired then before the pause in one run of this test: only a
        // run made after the pause counts.
        var madeBefore = (await engine.Queries.ListAsync("scheduled", null, null, 1, 100, Ct)).Items.Select(r => r.Id).ToHashSet();

        // The schedule fires; its job succeeds without making a run.
        var recurring = engine.Services.GetRequiredService<IRecurringJobManager>();
        recurring.Trigger(ScheduledTrigger.RecurringJobId("scheduled"));
        var storage = engine.Services.GetRequiredService<JobStorage>();
        await Eventually.HappensAsync(() => ScheduleJobSucceeded(storage), TimeSpan.FromSeconds(30), "the paused schedule's job to finish");
        Assert.DoesNotContain((await engine.Queries.ListAsync("scheduled", null, null, 1, 100, Ct)).Items,
            r => r.Trigger == "schedule" && !madeBefore.Contains(r.Id));

        // Asked for by hand, a run is made but waits: the starter has already looked at it when the trigger returns.
        var byHand = await engine.Requests.TriggerAsync("scheduled", "2024-03-01", null, "api", null, Ct);
        var waiting = await engine.Requests.TriggerAsync("scheduled", "2024-03-02", null, "api", null, Ct);
        Assert.Equal(RunState.Queued, (await engine.Queries.GetAsync(byHand, Ct))!.Run.State);

        Assert.True(await Pauses.StartDespitePauseAsync(byHand, Tester, Ct));
        Assert.Equal(RunState.Succeeded, (await engine.WaitForEndAsync(byHand)).Run.State);
        Assert.Equal(RunState.Queued, (await engine.Queries.GetAsync(waiting, Ct))!.Run.State);

        await Pauses.UnpauseAsync("scheduled", Tester, Ct);
        Assert.Equal(RunState.Succeeded, (await engine.WaitForEndAsync(waiting)).Run.State);

        var audit = await engine.Services.GetRequiredService<AuditTrail>().ListAsync("scheduled", 10, Ct);
        Assert.Equal(["pipeline.unpause", "run.start", "pipeline.pause"], audit.Select(a => a.Action).Take(3));
        Assert.All(audit.Take(3), a => Assert.Equal("test:operator", a.Actor));
    }

    [Fact]
    public async Task Pausing_during_a_backfill_lets_the_runs_under_way_finish_and_starts_none_in_their_place_until_unpaused()
    {
        var backfill = await engine.Requests.BackfillAsync("daily", "2024-08-01", "2024-08-04", "test", Ct);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "two gated runs");

        await Pauses.PauseAsync("daily", Tester, Ct);
        engine.Probe.Gate.Release(2);
        await Eventually.ReturnsAsync(() => RunStatesAsync(backfill.RunIds), s => s.Count(x => x == RunState.Succeeded) == 2,
            TimeSpan.FromSeconds(30), "the two runs under way to succeed");
        // The jobs that ended them have ended too, and with them whatever their ends started: nothing.
        var monitoring = engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.HappensAsync(() => monitoring.ProcessingCount() == 0, TimeSpan.FromSeconds(30), "the jobs to end");
        Assert.Equal(2, (await RunStatesAsync(backfill.RunIds)).Count(s => s == RunState.Queued));
        Assert.Equal(0, engine.Probe.GatedRunning);

        await Pauses.UnpauseAsync("daily", Tester, Ct);
        engine.Probe.Gate.Release(2);
        await Eventually.ReturnsAsync(() => RunStatesAsync(backfill.RunIds), s => s.All(x => x == RunState.Succeeded),
            TimeSpan.FromSeconds(60), "the backfill to succeed after the unpause");
    }

    [Fact]
    public async Task Cancelling_a_backfill_cancels_every_queued_run_stops_the_running_ones_and_nothing_starts_afterwards()
    {
        var backfill = await engine.Requests.BackfillAsync("daily", "2024-01-01", "2024-04-09", "test", Ct);
        Assert.Equal(100, backfill.RunIds.Count);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "two gated runs");

        var outcome = await Backfills.CancelAsync(backfill.BackfillId, Tester, Ct);

        Assert.Equal(new BackfillControl.CancelOutcome(100, 2), outcome);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 0, TimeSpan.FromSeconds(30), "the running tasks to see their token");
        var detail = await Eventually.ReturnsAsync(() => BackfillViews.GetAsync(backfill.BackfillId, Ct),
            d => d!.Backfill.RunsByState[RunState.Cancelled] == 100, TimeSpan.FromSeconds(30), "every run cancelled");
        Assert.Equal(BackfillState.Cancelled, detail!.Backfill.State);
        Assert.Equal("backfill.cancel", Assert.Single(detail.Audit).Action);

        // The pipeline goes on with other work, and none of the backfill's runs comes back to life.
        var after = await engine.Requests.TriggerAsync("daily", "2024-06-01", null, "test", null, Ct);
        engine.Probe.Gate.Release();
        Assert.Equal(RunState.Succeeded, (await engine.WaitForEndAsync(after)).Run.State);
        var runs = await engine.Queries.ListAsync("daily", null, null, 1, RunQueries.MaxPageSize, Ct);
        Assert.All(runs.Items.Where(r => r.BackfillId == backfill.BackfillId), r => Assert.Equal(RunState.Cancelled, r.State));
        Assert.Equal(2, backfill.RunIds.Sum(id => engine.Probe.Executions(id, "gated")));
        await Assert.ThrowsAsync<RunConflictException>(() => Backfills.CancelAsync(backfill.BackfillId, Tester, Ct));
    }

    [Fact]
    public async Task A_backfill_of_more_runs_than_one_insert_holds_makes_each_day_once_and_starts_them_in_day_order()
    {
        // 1,063 days: more than the 1,000 runs the launcher makes and inserts at a time.
        var from = new DateOnly(2024, 1, 1);
        var to = new DateOnly(2026, 11, 28);
        var days = to.DayNumber - from.DayNumber + 1;
        var backfill = await engine.Requests.BackfillAsync("daily", $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}", "test", Ct);
        Assert.Equal(days, backfill.RunIds.Distinct().Count());

        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "two gated runs");
        await using (var db = await engine.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>().CreateDbContextAsync(Ct))
        {
            var runs = await db.Runs.AsNoTracking().Where(r => r.BackfillId == backfill.BackfillId).OrderBy(r => r.CreatedAt)
                .Select(r => new { r.Id, r.Partition, r.CreatedAt, r.State, Tasks = r.Tasks.Count }).ToListAsync(Ct);
            Assert.Equal(backfill.RunIds, runs.Select(r => r.Id));
            Assert.Equal(Enumerable.Range(0, days).Select(d => (DateOnly?)from.AddDays(d)), runs.Select(r => r.Partition));
            Assert.Equal(days, runs.Select(r => r.CreatedAt).Distinct().Count());
            Assert.All(runs, r => Assert.Equal(1, r.Tasks));
            Assert.Equal([RunState.Running, RunState.Running], runs.Take(2).Select(r => r.State));
            Assert.All(runs.Skip(2), r => Assert.Equal(RunState.Queued, r.State));
        }

        await Backfills.CancelAsync(backfill.BackfillId, Tester, Ct);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 0, TimeSpan.FromSeconds(30), "the running tasks to see their token");
    }

    [Fact]
    public async Task Retry_failed_runs_exactly_the_failed_days_again_and_keeps_what_succeeded()
    {
        var failing = new[] { new DateOnly(2024, 2, 2), new DateOnly(2024, 2, 5) };
        foreach (var day in failing) engine.Probe.FailingDays[day] = true;
        var backfill = await engine.Requests.BackfillAsync("controlled", "2024-02-01", "2024-02-06", "test", Ct);
        var ended = await WaitForBackfillAsync(backfill.BackfillId);
        Assert.Equal(BackfillState.Failed, ended.Backfill.State);
        Assert.Equal(2, ended.Backfill.RunsByState[RunState.Failed]);

        foreach (var day in failing) engine.Probe.FailingDays.TryRemove(day, out _);
        var retry = await Backfills.RetryFailedAsync(backfill.BackfillId, Tester, Ct);

        Assert.Equal(new BackfillControl.RetryOutcome(2, 0), retry);
        var done = await WaitForBackfillAsync(backfill.BackfillId);
        Assert.Equal(BackfillState.Succeeded, done.Backfill.State);
        Assert.Equal(1.0, done.Progress);
        Assert.NotNull(done.RunsPerMinute);
        foreach (var id in backfill.RunIds)
        {
            var run = (await engine.Queries.GetAsync(id, Ct))!;
            var wasFailing = failing.Contains(DateOnly.Parse(run.Run.Partition!));
            Assert.Equal(1, engine.Probe.Executions(id, "extract"));
            Assert.Equal(1, engine.Probe.Executions(id, "report"));
            Assert.Equal(wasFailing ? 2 : 1, engine.Probe.Executions(id, "transform"));
            Assert.Equal(1, engine.Probe.Executions(id, "load"));
        }
        await Assert.ThrowsAsync<RunConflictException>(() => Backfills.RetryFailedAsync(backfill.BackfillId, Tester, Ct));
    }

    [Fact]
    public async Task Clearing_a_task_with_downstream_reruns_it_and_its_descendants_in_every_run_of_the_range_only()
    {
        var backfill = await engine.Requests.BackfillAsync("controlled", "2024-03-01", "2024-03-05", "test", Ct);
        await WaitForBackfillAsync(backfill.BackfillId);
        var clearing = engine.Services.GetRequiredService<TaskClearing>();

        var outcome = await clearing.ClearAsync("controlled", new TaskClearing.Request("2024-03-02", "2024-03-04", ["transform"], true, "all"), Tester, Ct);

        Assert.Equal(3, outcome.ClearedRuns);
        Assert.Equal(6, outcome.ClearedTasks);
        foreach (var id in backfill.RunIds)
        {
            var run = await engine.WaitForEndAsync(id);
            Assert.Equal(RunState.Succeeded, run.Run.State);
            var inRange = string.CompareOrdinal(run.Run.Partition, "2024-03-02") >= 0 && string.CompareOrdinal(run.Run.Partition, "2024-03-04") <= 0;
            Assert.Equal(1, engine.Probe.Executions(id, "extract"));
            Assert.Equal(1, engine.Probe.Executions(id, "report"));
            Assert.Equal(inRange ? 2 : 1, engine.Probe.Executions(id, "transform"));
            Assert.Equal(inRange ? 2 : 1, engine.Probe.Executions(id, "load"));
            // Upstream output kept: transform read it again without extract running again.
            Assert.Equal("extract", run.Tasks.Single(t => t.Task == "extract").Output);
        }
        var audit = await engine.Services.GetRequiredService<AuditTrail>().ForRunAsync(outcome.RunIds[0], Ct);
        Assert.Contains("transform, load", Assert.Single(audit).Details);

        // Only failed tasks, and none failed: nothing to do.
        var none = await clearing.ClearAsync("controlled", new TaskClearing.Request("2024-03-01", "2024-03-05", null, true, "failed"), Tester, Ct);
        Assert.Equal(0, none.ClearedRuns);
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            clearing.ClearAsync("controlled", new TaskClearing.Request("2024-03-01", "2024-03-05", ["nope"], true, "all"), Tester, Ct));
        Assert.Equal("tasks", unknown.Field);
    }

    [Fact]
    public async Task A_manual_run_starts_before_a_backfills_queued_runs_and_a_backfill_keeps_to_its_own_lower_limit()
    {
        var backfill = await engine.Requests.BackfillAsync("daily", "2024-05-01", "2024-05-06", null, "test", new BackfillSettings(Tester, 1), Ct);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 1, TimeSpan.FromSeconds(30), "the backfill's one run");
        var states = await RunStatesAsync(backfill.RunIds);
        Assert.Equal(1, states.Count(s => s == RunState.Running));
        Assert.Equal(5, states.Count(s => s == RunState.Queued));

        // The pipeline allows two at once: the manual run takes the second place at once.
        var manual = await engine.Requests.TriggerAsync("daily", "2024-06-10", null, "api", null, Ct);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "the manual run beside the backfill's");
        Assert.Equal(RunState.Running, (await engine.Queries.GetAsync(manual, Ct))!.Run.State);

        engine.Probe.Gate.Release(7);
        await Eventually.ReturnsAsync(() => RunStatesAsync(backfill.RunIds), s => s.All(x => x == RunState.Succeeded),
            TimeSpan.FromSeconds(60), "the backfill to succeed");
        Assert.Equal(RunState.Succeeded, (await engine.WaitForEndAsync(manual)).Run.State);
        // One at a time: each backfill run started after the one before it finished.
        var runs = new List<RunDetail>();
        foreach (var id in backfill.RunIds) runs.Add((await engine.Queries.GetAsync(id, Ct))!);
        for (var i = 1; i < runs.Count; i++)
            Assert.True(runs[i].Run.StartedAt >= runs[i - 1].Run.FinishedAt, $"run {i + 1} started before run {i} ended");
    }

    [Fact]
    public async Task A_manual_run_goes_ahead_of_a_backfills_queued_runs_when_a_place_frees()
    {
        var backfill = await engine.Requests.BackfillAsync("daily", "2024-07-01", "2024-07-04", "test", Ct);
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "two gated runs");
        var manual = await engine.Requests.TriggerAsync("daily", "2024-07-20", null, "api", null, Ct);
        Assert.Equal(RunState.Queued, (await engine.Queries.GetAsync(manual, Ct))!.Run.State);

        engine.Probe.Gate.Release();
        await Eventually.ReturnsAsync(() => engine.Queries.GetAsync(manual, Ct), r => r!.Run.State == RunState.Running,
            TimeSpan.FromSeconds(30), "the manual run to start");
        var states = await RunStatesAsync(backfill.RunIds);
        Assert.Equal(2, states.Count(s => s == RunState.Queued));

        engine.Probe.Gate.Release(4);
        await Eventually.ReturnsAsync(() => RunStatesAsync(backfill.RunIds), s => s.All(x => x == RunState.Succeeded),
            TimeSpan.FromSeconds(60), "the backfill to succeed");
        Assert.Equal(RunState.Succeeded, (await engine.WaitForEndAsync(manual)).Run.State);
    }

    [Fact]
    public async Task Runs_written_together_for_a_backfill_are_stored_exactly_as_a_run_written_alone()
    {
        var pipeline = engine.Services.GetRequiredService<PipelineCatalog>().Get("controlled");
        var launcher = engine.Services.GetRequiredService<RunLauncher>();
        var parameters = new Dictionary<string, string> { ["note"] = "same" };
        await Pauses.PauseAsync("controlled", Tester, Ct);   // both stay queued as written
        Guid alone = default, together = default;
        try
        {
            alone = await launcher.LaunchAsync(pipeline, new RunLauncher.NewRun(new DateOnly(2025, 2, 1), parameters), "test", null, Ct);
            together = (await launcher.LaunchManyAsync(pipeline, [new RunLauncher.NewRun(new DateOnly(2025, 2, 1), parameters)], "test", null, Ct)).Single();

            await using var db = await engine.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>().CreateDbContextAsync(Ct);
            AssertStoredAlike(await RowsAsync(db, "pipeline_runs", "id", alone), await RowsAsync(db, "pipeline_runs", "id", together), "id");
            var aloneTasks = await RowsAsync(db, "task_runs", "run_id", alone);
            var togetherTasks = await RowsAsync(db, "task_runs", "run_id", together);
            Assert.Equal(pipeline.Tasks.Count, aloneTasks.Count);
            foreach (var (a, t) in aloneTasks.OrderBy(r => r["task"].Value).Zip(togetherTasks.OrderBy(r => r["task"].Value)))
                AssertStoredAlike([a], [t], "id", "run_id");
        }
        finally
        {
            var control = engine.Services.GetRequiredService<RunControl>();
            foreach (var id in new[] { alone, together }.Where(id => id != default)) await control.CancelAsync(id, Ct);
            await Pauses.UnpauseAsync("controlled", Tester, Ct);
        }
    }

    /// <summary>Every column alike, value and stored type, but the keys and the creation time (alike in form only).</summary>
    private static void AssertStoredAlike(List<Dictionary<string, (Type Type, string? Value)>> expected, List<Dictionary<string, (Type Type, string? Value)>> actual, params string[] keys)
    {
        var (e, a) = (Assert.Single(expected), Assert.Single(actual));
        Assert.Equal(e.Keys.Order(), a.Keys.Order());
        foreach (var column in e.Keys.Where(c => !keys.Contains(c)))
        {
            // Fractions of a second are written without trailing zeros (".156632" for .1566320), so their length varies.
            var shape = column == "created_at"
                ? (Func<string?, string?>)(v => v is null ? null : System.Text.RegularExpressions.Regex.Replace(new string(v.Select(ch => char.IsDigit(ch) ? '9' : ch).ToArray()), @"\.9+$", ".9"))
                : v => v;
            Assert.True((e[column].Type, shape(e[column].Value)) == (a[column].Type, shape(a[column].Value)),
                $"{column}: {e[column]} written alone, {a[column]} written together");
        }
    }

    /// <summary>The rows whose key column holds the id, as the database keeps them (SQLite: each value's own storage type).</summary>
    private static async Task<List<Dictionary<string, (Type Type, string? Value)>>> RowsAsync(RunStoreContext db, string table, string keyColumn, Guid id)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, (Type, string?)>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName,
                i => reader.IsDBNull(i) ? (typeof(DBNull), (string?)null) : (reader.GetFieldType(i), Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
            if (string.Equals(row[keyColumn].Item2, id.ToString(), StringComparison.OrdinalIgnoreCase)) rows.Add(row);
        }
        return rows;
    }

    private async Task<BackfillDetail> WaitForBackfillAsync(Guid id) =>
        (await Eventually.ReturnsAsync(() => BackfillViews.GetAsync(id, Ct),
            d => d!.Backfill.State is not (BackfillState.Queued or BackfillState.Running), TimeSpan.FromSeconds(60), $"backfill {id} to end"))!;

    private async Task<List<RunState>> RunStatesAsync(IEnumerable<Guid> ids)
    {
        var states = new List<RunState>();
        foreach (var id in ids) states.Add((await engine.Queries.GetAsync(id, Ct))!.Run.State);
        return states;
    }

    private static bool ScheduleJobSucceeded(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        var job = connection.GetRecurringJobs([ScheduledTrigger.RecurringJobId("scheduled")]).Single();
        return job.LastJobId is { } id && connection.GetJobData(id)?.State == "Succeeded";
    }
}

public sealed class EmbeddedOperatorControlsTests(EmbeddedEngineFixture engine)
    : OperatorControlsTests<EmbeddedEngineFixture>(engine), IClassFixture<EmbeddedEngineFixture>;

public sealed class PostgresOperatorControlsTests(PostgresEngineFixture engine)
    : OperatorControlsTests<PostgresEngineFixture>(engine), IClassFixture<PostgresEngineFixture>;
