using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>
/// Counts runs and attempts from the changes the engine writes to the run store, and only once they commit:
/// a transaction retried after a dropped connection, or rolled back, counts nothing. Every path that starts
/// or ends a run or an attempt (the task runner, cancellation, lease recovery on another host) is seen here
/// without a metrics call of its own.
/// </summary>
public sealed class RunStoreTelemetryInterceptor(PipelineMetrics metrics) : AfterCommitInterceptor<Action>
{
    protected override void Collect(DbContext context, List<Action> pending)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var record = entry.Entity switch
            {
                PipelineRunRecord run when entry.State == EntityState.Modified => RunChange(entry, run),
                TaskAttemptRecord attempt when entry.State == EntityState.Added => AttemptStarted(context, attempt),
                TaskAttemptRecord attempt when entry.State == EntityState.Modified => AttemptEnded(context, entry, attempt),
                _ => null,
            };
            if (record is not null) pending.Add(record);
        }
    }

    protected override void Committed(IReadOnlyList<Action> pending)
    {
        foreach (var record in pending) record();
    }

    private Action? RunChange(EntityEntry entry, PipelineRunRecord run)
    {
        var state = entry.Property(nameof(PipelineRunRecord.State));
        return state.IsModified && state.OriginalValue is RunState before ? RunChange(run, before) : null;
    }

    /// <summary>Counts a run whose state a transition written without EF moved from <paramref name="before"/>, once it has committed.</summary>
    public void RunMoved(PipelineRunRecord run, RunState before) => RunChange(run, before)?.Invoke();

    private Action? RunChange(PipelineRunRecord run, RunState before)
    {
        if (before == run.State) return null;
        return run.State switch
        {
            RunState.Running => () => metrics.RunStarted(run.Pipeline, run.Trigger),
            RunState.Succeeded or RunState.Failed or RunState.Cancelled =>
                () => metrics.RunEnded(run.Pipeline, run.Trigger, run.State.ToString().ToLowerInvariant()),
            _ => null,
        };
    }

    private Action? AttemptStarted(DbContext context, TaskAttemptRecord attempt)
    {
        if (attempt.QueuedAt is not { } ready) return null;
        var (pipeline, task) = NamesOf(context, attempt.TaskRunId);
        var wait = attempt.StartedAt - ready;
        return () => metrics.AttemptWaited(pipeline, task, wait);
    }

    private Action? AttemptEnded(DbContext context, EntityEntry entry, TaskAttemptRecord attempt)
    {
        if (!entry.Property(nameof(TaskAttemptRecord.Outcome)).IsModified || attempt.Outcome == AttemptOutcome.Running) return null;
        var taskRecord = TrackedTask(context, attempt.TaskRunId);
        var outcome = attempt.Outcome switch
        {
            AttemptOutcome.Failed when taskRecord?.State == TaskState.UpForRetry => "retried",
            AttemptOutcome.TimedOut => "timed_out",
            AttemptOutcome.HandedBack => "handed_back",
            var other => other.ToString().ToLowerInvariant(),
        };
        var (pipeline, task) = NamesOf(context, attempt.TaskRunId);
        var error = attempt.Error;
        var span = AttemptSpanOf(attempt.TaskRunId);
        return () => Ended(pipeline, task, outcome, error, span);
    }

    /// <summary>Counts an attempt that a transition written without EF (SqliteSuccess) ended, once it has committed.</summary>
    public void AttemptEnded(string pipeline, string task, Guid taskRunId, string outcome, string? error) =>
        Ended(pipeline, task, outcome, error, AttemptSpanOf(taskRunId));

    /// <summary>Counts an attempt that a transition written without EF began, once it has committed.</summary>
    public void AttemptStarted(string pipeline, string task, TaskAttemptRecord attempt)
    {
        if (attempt.QueuedAt is { } ready) metrics.AttemptWaited(pipeline, task, attempt.StartedAt - ready);
    }

    private void Ended(string pipeline, string task, string outcome, string? error, Activity? span)
    {
        metrics.AttemptEnded(pipeline, task, outcome);
        span?.SetTag(PipelineTracing.OutcomeTag, outcome);
        if (outcome is not ("succeeded" or "handed_back" or "cancelled")) span?.SetStatus(ActivityStatusCode.Error, error);
    }

    /// <summary>Pipeline and task of a task run, from what the transaction loaded, else from the attempt's own span.</summary>
    private static (string Pipeline, string Task) NamesOf(DbContext context, Guid taskRunId)
    {
        var task = TrackedTask(context, taskRunId);
        var pipeline = task?.Run?.Pipeline
                       ?? context.ChangeTracker.Entries<PipelineRunRecord>().FirstOrDefault(r => r.Entity.Id == task?.RunId)?.Entity.Pipeline;
        var span = AttemptSpanOf(taskRunId);
        return (pipeline ?? span?.GetTagItem(PipelineTracing.PipelineTag) as string ?? "unknown",
            task?.Task ?? span?.GetTagItem(PipelineTracing.TaskTag) as string ?? "unknown");
    }

    private static TaskRunRecord? TrackedTask(DbContext context, Guid taskRunId) =>
        context.ChangeTracker.Entries<TaskRunRecord>().FirstOrDefault(t => t.Entity.Id == taskRunId)?.Entity;

    /// <summary>The attempt's span when this change is made from inside it (the task runner's own transitions).</summary>
    private static Activity? AttemptSpanOf(Guid taskRunId)
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
            if (activity.Source.Name == PipelineTracing.SourceName && activity.GetTagItem(PipelineTracing.TaskRunIdTag) as string == taskRunId.ToString())
                return activity;
        return null;
    }
}
