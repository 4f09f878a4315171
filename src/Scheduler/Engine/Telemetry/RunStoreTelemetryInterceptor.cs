using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>
/// Counts runs and attempts from the changes the engine writes to the run store, and only once they commit:
/// a transaction retried after a dropped connection, or rolled back, counts nothing. Every path that starts
/// or ends a run or an attempt (the task runner, cancellation, lease recovery on another host) is seen here
/// without a metrics call of its own.
/// </summary>
public sealed class RunStoreTelemetryInterceptor(PipelineMetrics metrics) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Discard(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        List<Action>? pending = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var record = entry.Entity switch
            {
                PipelineRunRecord run when entry.State == EntityState.Modified => RunChange(entry, run),
                TaskAttemptRecord attempt when entry.State == EntityState.Added => AttemptStarted(context, attempt),
                TaskAttemptRecord attempt when entry.State == EntityState.Modified => AttemptEnded(context, entry, attempt),
                _ => null,
            };
            if (record is null) continue;
            pending ??= _pending.GetOrCreateValue(context);
            pending.Add(record);
        }
    }

    private Action? RunChange(EntityEntry entry, PipelineRunRecord run)
    {
        var state = entry.Property(nameof(PipelineRunRecord.State));
        if (!state.IsModified || state.OriginalValue is not RunState before || before == run.State) return null;
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
        return () =>
        {
            metrics.AttemptEnded(pipeline, task, outcome);
            span?.SetTag(PipelineTracing.OutcomeTag, outcome);
            if (outcome is not ("succeeded" or "handed_back" or "cancelled")) span?.SetStatus(ActivityStatusCode.Error, error);
        };
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

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        foreach (var record in pending) record();
    }

    private void Discard(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }
}
