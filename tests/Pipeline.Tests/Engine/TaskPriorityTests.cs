using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine;

/// <summary>
/// With more ready tasks than workers, a run under way goes on before another run begins: a downstream
/// task is served before the root tasks of runs started earlier than it became ready, and a job keeps the
/// siblings it made ready. One worker makes the order of starts exact. Run on both storages, which order
/// Hangfire queues differently.
/// </summary>
public abstract class TaskPriorityTests<TFixture>(TFixture engine) where TFixture : EngineFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_downstream_task_starts_before_the_first_tasks_of_runs_that_were_waiting_longer()
    {
        // The first run holds the only worker until the other two runs' first tasks are queued behind it.
        var held = await engine.Requests.TriggerAsync("ordered", null, new Dictionary<string, string> { ["hold"] = "yes" }, "test", null, Ct);
        await Eventually.ReturnsAsync(() => Task.FromResult(engine.Probe.Executions(held, "first")), n => n == 1, TimeSpan.FromSeconds(30), "the held task to start");
        var second = await engine.Requests.TriggerAsync("ordered", null, null, "test", null, Ct);
        var third = await engine.Requests.TriggerAsync("ordered", null, null, "test", null, Ct);
        await Eventually.ReturnsAsync(
            async () => await Task.WhenAll(engine.Queries.GetAsync(second, Ct), engine.Queries.GetAsync(third, Ct)),
            runs => runs.All(r => r!.Run.State == RunState.Running && r.Tasks.Single(t => t.Task == "first").State == TaskState.Queued),
            TimeSpan.FromSeconds(30), "the later runs' first tasks to be queued");
        engine.Probe.Gate.Release();

        var ends = new[] { await engine.WaitForEndAsync(held), await engine.WaitForEndAsync(second), await engine.WaitForEndAsync(third) };

        Assert.All(ends, r => Assert.Equal(RunState.Succeeded, r.Run.State));
        var starts = ends
            .SelectMany((r, i) => r.Tasks.Select(t => (Label: $"run {i + 1} {t.Task}", Started: t.StartedAt!.Value)))
            .OrderBy(s => s.Started).Select(s => s.Label).ToArray();
        Assert.Equal(["run 1 first", "run 1 second", "run 2 first", "run 2 second", "run 3 first", "run 3 second"], starts);
    }

    [Fact]
    public async Task With_every_worker_busy_a_job_keeps_the_siblings_it_made_ready_and_runs_them_after_its_task()
    {
        var id = await engine.Requests.TriggerAsync("fan", null, null, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.All(run.Tasks, t => Assert.Equal(1, engine.Probe.Executions(id, t.Task)));
        // The only worker is busy with root's job: a job for x, y or z would only wait in the queue, so root's job runs them all.
        Assert.Single(run.Tasks.Select(t => t.HangfireJobId).Distinct());
    }

    [Fact]
    public async Task Siblings_a_job_kept_get_jobs_of_their_own_when_it_stops_running_them()
    {
        // The first sibling to run fails inline: its retry gets a job of its own and root's job ends, handing the other
        // sibling a job. The recovery loop's rescue is an hour away on this fixture, so nothing else could run it.
        var id = await engine.Requests.TriggerAsync("fan-retry", null, new Dictionary<string, string> { ["failures"] = "1" }, "test", null, Ct);

        var run = await engine.WaitForEndAsync(id);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var root = run.Tasks.Single(t => t.Task == "root");
        Assert.All(run.Tasks.Where(t => t.Task != "root"), t =>
        {
            Assert.Equal(2, t.Attempts);
            Assert.Equal(2, engine.Probe.Executions(id, t.Task));
            Assert.NotEqual(root.HangfireJobId, t.HangfireJobId);
        });
    }
}

public sealed class EmbeddedTaskPriorityTests(SingleWorkerEmbeddedFixture engine)
    : TaskPriorityTests<SingleWorkerEmbeddedFixture>(engine), IClassFixture<SingleWorkerEmbeddedFixture>;

public sealed class PostgresTaskPriorityTests(SingleWorkerPostgresFixture engine)
    : TaskPriorityTests<SingleWorkerPostgresFixture>(engine), IClassFixture<SingleWorkerPostgresFixture>;
