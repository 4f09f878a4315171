using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine;

/// <summary>The engine's behaviour, run once on embedded storage and once on PostgreSQL.</summary>
public abstract class EngineTests<TFixture>(TFixture engine) where TFixture : EngineFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_task_of_a_diamond_runs_exactly_once_when_both_middles_finish_together()
    {
        const int runs = 200;
        var ids = new List<Guid>();
        for (var i = 0; i < runs; i++)
            ids.Add(await engine.Requests.TriggerAsync("diamond", null, null, "test", null, Ct));

        await Eventually.ReturnsAsync(
            () => engine.Queries.ListAsync("diamond", null, null, 1, RunQueries.MaxPageSize, Ct),
            page => ids.All(id => page.Items.Any(r => r.Id == id && r.State.IsTerminal())),
            TimeSpan.FromSeconds(240), $"{runs} diamond runs to end");

        foreach (var id in ids)
        {
            var run = (await engine.Queries.GetAsync(id, Ct))!;
            Assert.Equal(RunState.Succeeded, run.Run.State);
            Assert.Equal(1, engine.Probe.Executions(id, "join"));
            Assert.Equal(1, run.Tasks.Single(t => t.Task == "join").Attempts);
            Assert.Equal(1, engine.Probe.Executions(id, "left"));
            Assert.Equal(1, engine.Probe.Executions(id, "right"));
        }
    }

    [Fact]
    public async Task A_finishing_task_runs_one_of_the_tasks_it_made_ready_in_its_own_hangfire_job()
    {
        var id = await engine.Requests.TriggerAsync("diamond", null, null, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var jobs = run.Tasks.ToDictionary(t => t.Task, t => t.HangfireJobId!);
        // start's job goes on with one middle task; the other middle gets a job of its own (they run side by side), and
        // the join runs in the job of whichever middle ends last: two Hangfire jobs for four tasks.
        Assert.Contains(jobs["start"], new[] { jobs["left"], jobs["right"] });
        Assert.NotEqual(jobs["left"], jobs["right"]);
        Assert.Contains(jobs["join"], new[] { jobs["left"], jobs["right"] });
        Assert.All(run.Tasks, t => Assert.Equal(1, t.Attempts));
    }

    [Fact]
    public async Task A_sibling_kept_behind_a_long_task_goes_to_another_worker_and_runs_beside_it()
    {
        var id = await engine.Requests.TriggerAsync("fan-gated", null, null, "test", null, Ct);

        // Neither sibling can end before the gate opens: both running at once means the kept one was handed a job of its own.
        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "both siblings to run at once");
        engine.Probe.Gate.Release(2);
        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var jobs = run.Tasks.ToDictionary(t => t.Task, t => t.HangfireJobId!);
        Assert.NotEqual(jobs["p"], jobs["q"]);
        Assert.Contains(jobs["root"], new[] { jobs["p"], jobs["q"] });
    }

    [Fact]
    public async Task A_worker_whose_task_ends_a_run_goes_on_with_the_next_run_of_the_backfill_in_the_same_hangfire_job()
    {
        // One run at a time: each run's end starts the next, and the worker that ended it runs the next run's first task.
        var backfill = await engine.Requests.BackfillAsync("serial", "2024-02-01", "2024-02-04", "test", Ct);

        await Eventually.ReturnsAsync(() => RunStatesAsync(backfill.RunIds), s => s.All(x => x.IsTerminal()),
            TimeSpan.FromSeconds(60), "the backfill to end");

        var runs = new List<RunDetail>();
        foreach (var id in backfill.RunIds) runs.Add((await engine.Queries.GetAsync(id, Ct))!);
        Assert.All(runs, run => Assert.Equal(RunState.Succeeded, run.Run.State));
        Assert.All(runs, run => Assert.All(run.Tasks, t =>
        {
            Assert.Equal(1, t.Attempts);
            Assert.Equal(1, engine.Probe.Executions(run.Run.Id, t.Task));
        }));
        // Eight tasks in four runs, one Hangfire job: the first run's.
        Assert.Single(runs.SelectMany(r => r.Tasks).Select(t => t.HangfireJobId).Distinct());
        // Still one run at a time: each started after the one before it ended.
        foreach (var (before, after) in runs.Zip(runs.Skip(1)))
            Assert.True(after.Run.StartedAt >= before.Run.FinishedAt, $"{after.Run.Partition} started before {before.Run.Partition} ended");
    }

    [Fact]
    public async Task A_task_run_inline_that_fails_is_retried_in_a_hangfire_job_of_its_own()
    {
        // b runs inline in a's job; its retry cannot be that job's (whose arguments name a), so it gets a new one.
        var id = await engine.Requests.TriggerAsync("chain-retry", null, new Dictionary<string, string> { ["failures"] = "1" }, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var tasks = run.Tasks.ToDictionary(t => t.Task);
        Assert.Equal(2, tasks["b"].Attempts);
        Assert.Equal(2, engine.Probe.Executions(id, "b"));
        Assert.Equal("succeeded on attempt 2", tasks["b"].Output);
        Assert.NotEqual(tasks["a"].HangfireJobId, tasks["b"].HangfireJobId);
    }

    [Fact]
    public async Task Deleting_the_retry_job_of_a_task_that_failed_inline_fails_the_task()
    {
        var id = await engine.Requests.TriggerAsync("chain-retry", null, new Dictionary<string, string> { ["failures"] = "99" }, "test", null, Ct);
        var waiting = await engine.WaitForRunAsync(id, r => r.Tasks.Single(t => t.Task == "b") is { State: TaskState.UpForRetry, HangfireJobId: not null },
            "b to wait for its retry in a job of its own");
        var retryJob = waiting.Tasks.Single(t => t.Task == "b").HangfireJobId!;
        Assert.NotEqual(waiting.Tasks.Single(t => t.Task == "a").HangfireJobId, retryJob);

        engine.Services.GetRequiredService<IBackgroundJobClient>().Delete(retryJob);

        var run = await engine.WaitForEndAsync(id);
        Assert.Equal(RunState.Failed, run.Run.State);
        // The retry may have started just before the deletion: either way the task ends for that reason.
        Assert.Contains("Hangfire job was deleted", run.Tasks.Single(t => t.Task == "b").Error);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_with_exponential_backoff_capped_by_the_policy()
    {
        var id = await engine.Requests.TriggerAsync("retrying", null, new Dictionary<string, string> { ["failures"] = "2" }, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var task = run.Tasks.Single();
        Assert.Equal(3, task.Attempts);
        Assert.Equal("succeeded on attempt 3", task.Output);
        var times = engine.Probe.AttemptTimes(id, "flaky");
        Assert.Equal(3, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(300), $"first wait was {(times[1] - times[0]).TotalMilliseconds} ms");
        // 300 ms doubled is 600 ms, but the policy caps the wait at 500 ms.
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(500), $"second wait was {(times[2] - times[1]).TotalMilliseconds} ms");

        var logs = await engine.Queries.LogsAsync(id, "flaky", 100, Ct);
        Assert.Equal(2, logs.Count(l => l.Level == "Error"));
        Assert.Equal([1, 2], logs.Where(l => l.Level == "Error").Select(l => l.Attempt).ToArray());
    }

    [Fact]
    public async Task A_job_that_cannot_be_constructed_fails_its_task_by_the_policy_and_ends_the_run()
    {
        var id = await engine.Requests.TriggerAsync("unbuildable", null, null, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Failed, run.Run.State);
        var tasks = run.Tasks.ToDictionary(t => t.Task);
        Assert.Equal(TaskState.Failed, tasks["broken"].State);
        Assert.Equal(2, tasks["broken"].Attempts);
        Assert.Contains("MissingService", tasks["broken"].Error);
        Assert.Equal(TaskState.UpstreamFailed, tasks["after"].State);
    }

    [Fact]
    public async Task A_task_out_of_attempts_fails_its_downstream_and_the_run_while_other_branches_finish()
    {
        var id = await engine.Requests.TriggerAsync("failing", null, new Dictionary<string, string> { ["failures"] = "99" }, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Failed, run.Run.State);
        var tasks = run.Tasks.ToDictionary(t => t.Task);
        Assert.Equal(TaskState.Succeeded, tasks["a"].State);
        Assert.Equal(TaskState.Failed, tasks["b"].State);
        Assert.Equal(2, tasks["b"].Attempts);
        Assert.Contains("planned failure on attempt 2", tasks["b"].Error);
        Assert.Equal(TaskState.UpstreamFailed, tasks["c"].State);
        Assert.Equal(TaskState.Succeeded, tasks["d"].State);
        Assert.Equal(0, engine.Probe.Executions(id, "c"));
    }

    [Fact]
    public async Task Resuming_after_the_cause_is_fixed_runs_only_the_failed_and_upstream_failed_tasks()
    {
        var control = engine.Services.GetRequiredService<RunControl>();
        // Marked failing before the trigger: the run's first tasks may run before TriggerAsync returns.
        var key = Guid.NewGuid().ToString();
        engine.Probe.FailingKeys[key] = true;
        var id = await engine.Requests.TriggerAsync("failing", null, new Dictionary<string, string> { ["failing"] = key }, "test", null, Ct);
        var failed = await engine.WaitForEndAsync(id);
        Assert.Equal(RunState.Failed, failed.Run.State);

        engine.Probe.FailingKeys.TryRemove(key, out _);
        Assert.True(await control.ResumeAsync(id, Ct));
        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.Equal(1, engine.Probe.Executions(id, "a"));
        Assert.Equal(1, engine.Probe.Executions(id, "d"));
        Assert.Equal(3, engine.Probe.Executions(id, "b"));
        Assert.Equal(1, engine.Probe.Executions(id, "c"));
        Assert.Equal(3, run.Tasks.Single(t => t.Task == "b").Attempts);
        var logs = await engine.Queries.LogsAsync(id, "b", 100, Ct);
        Assert.Equal([1, 2], logs.Where(l => l.Level == "Error").Select(l => l.Attempt).ToArray());
        await Assert.ThrowsAsync<RunConflictException>(() => control.ResumeAsync(id, Ct));
    }

    [Fact]
    public async Task Cancelling_fires_the_running_tasks_token_and_pending_tasks_never_start()
    {
        var control = engine.Services.GetRequiredService<RunControl>();
        var id = await engine.Requests.TriggerAsync("blocking", null, null, "test", null, Ct);
        await engine.Probe.StartedSignal(id).Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(await control.CancelAsync(id, Ct));

        var run = await engine.WaitForRunAsync(id, r => r.Tasks.All(t => t.State.IsTerminal()), "the cancelled run's tasks to stop");
        Assert.Equal(RunState.Cancelled, run.Run.State);
        Assert.Equal(TaskState.Cancelled, run.Tasks.Single(t => t.Task == "hold").State);
        Assert.Equal(TaskState.Cancelled, run.Tasks.Single(t => t.Task == "after").State);
        Assert.True(engine.Probe.SawCancellation.ContainsKey(id));
        Assert.Equal(0, engine.Probe.Executions(id, "after"));
        await Assert.ThrowsAsync<RunConflictException>(() => control.CancelAsync(id, Ct));
    }

    [Fact]
    public async Task Deleting_a_running_tasks_job_in_hangfire_fails_the_task_instead_of_leaving_it_running()
    {
        var id = await engine.Requests.TriggerAsync("blocking", null, null, "test", null, Ct);
        await engine.Probe.StartedSignal(id).Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var jobId = (await engine.Queries.GetAsync(id, Ct))!.Tasks.Single(t => t.Task == "hold").HangfireJobId!;

        engine.Services.GetRequiredService<IBackgroundJobClient>().Delete(jobId);

        var run = await engine.WaitForEndAsync(id);
        Assert.Equal(RunState.Failed, run.Run.State);
        var hold = run.Tasks.Single(t => t.Task == "hold");
        Assert.Equal(TaskState.Failed, hold.State);
        Assert.Contains("Hangfire job was deleted", hold.Error);
        Assert.Equal(TaskState.UpstreamFailed, run.Tasks.Single(t => t.Task == "after").State);
    }

    [Fact]
    public async Task Deleting_the_job_of_a_task_waiting_for_its_retry_fails_the_task_instead_of_leaving_it_waiting()
    {
        var id = await engine.Requests.TriggerAsync("retrying", null, new Dictionary<string, string> { ["failures"] = "99" }, "test", null, Ct);
        var waiting = await engine.WaitForRunAsync(id, r => r.Tasks.Single().State == TaskState.UpForRetry, "the task to wait for its retry");

        engine.Services.GetRequiredService<IBackgroundJobClient>().Delete(waiting.Tasks.Single().HangfireJobId!);

        var run = await engine.WaitForEndAsync(id);
        Assert.Equal(RunState.Failed, run.Run.State);
        // The retry may have started just before the deletion: either way the task ends for that reason.
        Assert.Contains("Hangfire job was deleted", run.Tasks.Single().Error);
    }

    [Fact]
    public async Task A_backfill_makes_one_run_per_day_and_never_runs_more_than_the_pipelines_limit()
    {
        var backfill = await engine.Requests.BackfillAsync("daily", "2024-01-01", "2024-01-06", "test", Ct);
        Assert.Equal(6, backfill.RunIds.Count);

        await Eventually.HappensAsync(() => engine.Probe.GatedRunning == 2, TimeSpan.FromSeconds(30), "two gated runs");
        var states = await RunStatesAsync(backfill.RunIds);
        Assert.Equal(2, states.Count(s => s == RunState.Running));
        Assert.Equal(4, states.Count(s => s == RunState.Queued));

        engine.Probe.Gate.Release(6);
        await Eventually.ReturnsAsync(() => RunStatesAsync(backfill.RunIds), s => s.All(x => x == RunState.Succeeded),
            TimeSpan.FromSeconds(60), "the backfill to succeed");

        Assert.Equal(2, engine.Probe.GatedMaxRunning);
        var partitions = new List<string?>();
        foreach (var id in backfill.RunIds) partitions.Add((await engine.Queries.GetAsync(id, Ct))!.Run.Partition);
        Assert.Equal(Enumerable.Range(1, 6).Select(d => $"2024-01-0{d}"), partitions);
    }

    [Fact]
    public async Task A_daily_schedule_runs_the_day_that_just_closed_in_the_pipelines_time_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var before = PartitionCalendar.DayClosedBefore(DateTimeOffset.UtcNow, zone).ToString("yyyy-MM-dd");
        engine.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledTrigger.RecurringJobId("scheduled"));

        var page = await Eventually.ReturnsAsync(
            () => engine.Queries.ListAsync("scheduled", null, null, 1, 10, Ct),
            p => p.Items.Any(r => r.Trigger == "schedule"),
            TimeSpan.FromSeconds(30), "the scheduled run");
        var after = PartitionCalendar.DayClosedBefore(DateTimeOffset.UtcNow, zone).ToString("yyyy-MM-dd");

        // The schedule also fires by itself at 11:00 UTC each day (01:00 in Kiritimati): a run of that may be here too.
        foreach (var run in page.Items.Where(r => r.Trigger == "schedule"))
        {
            Assert.Contains(run.Partition, new[] { before, after });
            Assert.Equal(RunState.Succeeded, (await engine.WaitForEndAsync(run.Id)).Run.State);
        }
    }

    private async Task<List<RunState>> RunStatesAsync(IEnumerable<Guid> ids)
    {
        var states = new List<RunState>();
        foreach (var id in ids) states.Add((await engine.Queries.GetAsync(id, Ct))!.Run.State);
        return states;
    }
}

public sealed class EmbeddedEngineTests(EmbeddedEngineFixture engine)
    : EngineTests<EmbeddedEngineFixture>(engine), IClassFixture<EmbeddedEngineFixture>;

public sealed class PostgresEngineTests(PostgresEngineFixture engine)
    : EngineTests<PostgresEngineFixture>(engine), IClassFixture<PostgresEngineFixture>;
