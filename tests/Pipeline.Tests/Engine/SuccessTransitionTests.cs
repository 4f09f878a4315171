using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Tests.Engine;

/// <summary>
/// A success recorded straight through <see cref="TaskTransitions.SucceedAsync"/>, on both stores: on the embedded one it is
/// written by hand (SqliteSuccess), and must change the same rows, the same way, as EF does on PostgreSQL.
/// </summary>
public abstract class SuccessTransitionTests<TFixture>(TFixture engine) where TFixture : EngineFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TaskTransitions Transitions => engine.Services.GetRequiredService<TaskTransitions>();

    [Fact]
    public async Task A_success_with_a_stale_token_changes_nothing()
    {
        var (runId, hold) = await RunningHoldAsync();

        Assert.Null(await Transitions.SucceedAsync(hold.Id, Guid.NewGuid(), "stale", null, Ct));

        var (task, attempt) = await ReadAsync(hold.Id);
        Assert.Equal(TaskState.Running, task.State);
        Assert.Null(task.Output);
        Assert.Null(task.FinishedAt);
        Assert.Equal(hold.LeaseOwner, task.LeaseOwner);
        Assert.Equal(AttemptOutcome.Running, attempt.Outcome);
        Assert.Null(attempt.FinishedAt);
        Assert.Equal(TaskState.Pending, (await engine.Queries.GetAsync(runId, Ct))!.Tasks.Single(t => t.Task == "after").State);
    }

    [Fact]
    public async Task A_success_ends_the_attempt_and_queues_what_it_made_ready_which_then_runs()
    {
        var (runId, hold) = await RunningHoldAsync();

        Assert.Null(await Transitions.SucceedAsync(hold.Id, hold.JobToken!.Value, "held output", null, Ct));

        var (task, attempt) = await ReadAsync(hold.Id);
        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal("held output", task.Output);
        Assert.Equal(1, task.Progress);
        Assert.Null(task.Error);
        Assert.Null(task.LeaseOwner);
        Assert.Null(task.LeaseExpiresAt);
        Assert.NotNull(task.FinishedAt);
        Assert.Equal(1, task.Attempts);
        Assert.Equal(AttemptOutcome.Succeeded, attempt.Outcome);
        Assert.Equal(task.FinishedAt, attempt.FinishedAt);

        // "after" was queued with a token and a job of its own, ran, and ended the run.
        var run = await engine.WaitForEndAsync(runId);
        Assert.Equal(RunState.Succeeded, run.Run.State);
        var after = run.Tasks.Single(t => t.Task == "after");
        Assert.Equal(1, after.Attempts);
        Assert.NotNull(after.HangfireJobId);
        Assert.Equal(1, engine.Probe.Executions(runId, "after"));
        Assert.True(after.QueuedAt >= task.FinishedAt);
    }

    /// <summary>A run of "blocking" whose first task is running (and stays so until the host stops), and that task's row.</summary>
    private async Task<(Guid RunId, TaskRunRecord Hold)> RunningHoldAsync()
    {
        var runId = await engine.Requests.TriggerAsync("blocking", null, null, "test", null, Ct);
        await engine.Probe.StartedSignal(runId).Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await using var db = await Store.CreateDbContextAsync(Ct);
        var hold = await db.TaskRuns.AsNoTracking().SingleAsync(t => t.RunId == runId && t.Task == "hold", Ct);
        Assert.Equal(TaskState.Running, hold.State);
        return (runId, hold);
    }

    private async Task<(TaskRunRecord Task, TaskAttemptRecord Attempt)> ReadAsync(Guid taskRunId)
    {
        await using var db = await Store.CreateDbContextAsync(Ct);
        var task = await db.TaskRuns.AsNoTracking().SingleAsync(t => t.Id == taskRunId, Ct);
        var attempt = await db.TaskAttempts.AsNoTracking().SingleAsync(a => a.TaskRunId == taskRunId && a.Number == task.Attempts, Ct);
        return (task, attempt);
    }

    private IDbContextFactory<RunStoreContext> Store => engine.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>();
}

public sealed class EmbeddedSuccessTransitionTests(EmbeddedEngineFixture engine)
    : SuccessTransitionTests<EmbeddedEngineFixture>(engine), IClassFixture<EmbeddedEngineFixture>;

public sealed class PostgresSuccessTransitionTests(PostgresEngineFixture engine)
    : SuccessTransitionTests<PostgresEngineFixture>(engine), IClassFixture<PostgresEngineFixture>;
