using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// Writes the outbox: when a save ends a run failed or succeeded, or fails a task for good, the notifications its
/// pipeline asks for are added to the same save, so they commit (or roll back) with the change itself and survive
/// the host dying right after. Every path that ends runs and tasks (task runner, lease recovery, cancellation) is
/// seen here without a call of its own. Sending is the outbox's job, after the commit.
/// </summary>
public sealed class NotificationOutboxInterceptor(NotificationPolicies policies, NotificationSignal signal, TimeProvider clock)
    : AfterCommitInterceptor<NotificationRecord>
{
    protected override void Committed(IReadOnlyList<NotificationRecord> pending) => signal.Raise();

    protected override void Collect(DbContext context, List<NotificationRecord> pending)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<NotificationRecord>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            switch (entry.Entity)
            {
                case PipelineRunRecord run when Changed(entry, nameof(PipelineRunRecord.State)):
                    var kind = run.State switch
                    {
                        RunState.Failed => NotificationKind.RunFailed,
                        RunState.Succeeded => NotificationKind.Recovered, // whether it is one is decided when sending
                        _ => (NotificationKind?)null,
                    };
                    if (kind is { } k && policies.For(run.Pipeline).Wants(k == NotificationKind.RunFailed ? NotificationEvents.RunFailed : NotificationEvents.Recovered))
                        added.AddRange(For(run.Pipeline, k, run.Id, run.Partition, null, now));
                    break;
                case TaskRunRecord task when Changed(entry, nameof(TaskRunRecord.State)) && task.State == TaskState.Failed && task.Attempts > 0:
                    var owner = task.Run ?? context.ChangeTracker.Entries<PipelineRunRecord>().FirstOrDefault(r => r.Entity.Id == task.RunId)?.Entity;
                    if (owner is not null && policies.For(owner.Pipeline).Wants(NotificationEvents.RetriesExhausted))
                        added.AddRange(For(owner.Pipeline, NotificationKind.RetriesExhausted, owner.Id, owner.Partition, task.Task, now));
                    break;
            }
        }
        if (added.Count == 0) return;
        context.AddRange(added);
        pending.AddRange(added);
    }

    private IEnumerable<NotificationRecord> For(string pipeline, NotificationKind kind, Guid? runId, DateOnly? partition, string? task, DateTime now) =>
        policies.Channels(pipeline).Select(channel => NotificationOutbox.NewRecord(pipeline, kind, channel, runId, partition, task, now));

    private static bool Changed(EntityEntry entry, string property)
    {
        if (entry.State != EntityState.Modified) return false;
        var state = entry.Property(property);
        return state.IsModified && !Equals(state.OriginalValue, state.CurrentValue);
    }
}
