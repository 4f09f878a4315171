using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine;

/// <summary>
/// With more ready tasks than workers, a run under way goes on before another run begins: a downstream
/// task is served before the root tasks of runs started earlier than it became ready. One worker makes
/// the order of starts exact. Run on both storages, which order Hangfire queues differently.
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
}

public sealed class EmbeddedTaskPriorityTests(SingleWorkerEmbeddedFixture engine)
    : TaskPriorityTests<SingleWorkerEmbeddedFixture>(engine), IClassFixture<SingleWorkerEmbeddedFixture>;

public sealed class PostgresTaskPriorityTests(SingleWorkerPostgresFixture engine)
    : TaskPriorityTests<SingleWorkerPostgresFixture>(engine), IClassFixture<SingleWorkerPostgresFixture>;
