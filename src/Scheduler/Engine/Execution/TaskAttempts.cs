using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>What every way of ending an attempt shares: closing its record, and the retry decision.</summary>
public static class TaskAttempts
{
    /// <summary>
    /// Closes the task's current attempt record in the same statement batch as the task's own change: a stub with
    /// the key is attached and only what changes is written, so ending an attempt costs no extra round trip.
    /// </summary>
    public static void End(RunStoreContext db, TaskRunRecord task, AttemptOutcome outcome, string? error, DateTime now)
    {
        var attempt = new TaskAttemptRecord { TaskRunId = task.Id, Number = task.Attempts, Host = "" };
        db.TaskAttempts.Attach(attempt);
        attempt.Outcome = outcome;
        attempt.FinishedAt = now;
        attempt.Error = error is { Length: > 2000 } ? error[..1997] + "..." : error;
        task.LeaseOwner = null;
        task.LeaseExpiresAt = null;
    }

    /// <summary>Records the task's current attempt as succeeded, with its output (under the run's lock, like every transition).</summary>
    public static void Succeed(RunStoreContext db, TaskRunRecord task, string? output, DateTime now)
    {
        End(db, task, AttemptOutcome.Succeeded, null, now);
        Succeeded(task, output, now);
    }

    /// <summary>What a success changes in the task itself (its attempt record is closed by the caller).</summary>
    public static void Succeeded(TaskRunRecord task, string? output, DateTime now)
    {
        task.LeaseOwner = null;
        task.LeaseExpiresAt = null;
        task.State = TaskState.Succeeded;
        task.Output = output;
        task.Error = null;
        task.Progress = 1;
        task.FinishedAt = now;
    }

    /// <summary>The wait before the next attempt, or null when the task may not be tried again (budget spent, run over, task gone).</summary>
    public static TimeSpan? RetryDelay(PipelineRunRecord run, TaskRunRecord task, TaskDefinition? definition) =>
        definition is not null && run.State == RunState.Running && task.AttemptInRound < task.MaxAttempts
            ? definition.Retry.DelayAfter(task.AttemptInRound)
            : null;
}
