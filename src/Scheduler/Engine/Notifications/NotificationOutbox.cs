using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// Sends what the outbox holds. Every host runs it; one at a time batches and claims (a lock held for that short
/// transaction, see <see cref="RunStoreContext.TryLeadNotificationsAsync"/>), then delivers outside any transaction
/// and records the outcome. A host that dies while delivering leaves a claim that lapses, and another host delivers.
/// A delivery that fails is retried with backoff and, after Notifications:MaxDeliveryAttempts, logged and given up:
/// a notification never fails a run.
/// </summary>
public sealed class NotificationOutbox(
    IDbContextFactory<RunStoreContext> store,
    NotificationBatcher batcher,
    NotificationDelivery delivery,
    NotificationSignal signal,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationOutbox> logger) : BackgroundService
{
    public static NotificationRecord NewRecord(string pipeline, NotificationKind kind, string channel, Guid? runId, DateOnly? partition,
        string? task, DateTime now) => new()
        {
            Id = Guid.NewGuid(),
            Pipeline = pipeline,
            Kind = kind,
            Channel = channel,
            RunId = runId,
            Partition = partition,
            Task = task,
            CreatedAt = now,
            State = NotificationState.Pending,
            NextAttemptAt = now,
        };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Notification pass failed; will try again");
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Batches what is due, claims it, delivers it and records how each delivery went.</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        var batches = await ClaimAsync(ct);
        foreach (var batch in batches)
        {
            string? error;
            try
            {
                error = await delivery.DeliverAsync(batch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = ex.Message;
            }
            await RecordAsync(batch, error, ct);
        }
    }

    private async Task<IReadOnlyList<IReadOnlyList<NotificationRecord>>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await db.TryLeadNotificationsAsync(ct)) return (IReadOnlyList<IReadOnlyList<NotificationRecord>>)[];
            var now = clock.GetUtcNow().UtcDateTime;
            await batcher.BatchAsync(db, now, ct);
            await db.SaveChangesAsync(ct);

            var due = await db.Notifications
                .Where(n => n.State == NotificationState.Pending && n.BatchId != null && n.NextAttemptAt <= now
                            && (n.ClaimedUntil == null || n.ClaimedUntil < now))
                .OrderBy(n => n.CreatedAt).Take(1000).ToListAsync(ct);
            foreach (var n in due)
            {
                n.ClaimedUntil = now + options.Value.DeliveryLease;
                n.Attempts++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return due.GroupBy(n => n.BatchId).Select(g => (IReadOnlyList<NotificationRecord>)g.OrderBy(n => n.CreatedAt).ToList()).ToList();
        });
    }

    private async Task RecordAsync(IReadOnlyList<NotificationRecord> batch, string? error, CancellationToken ct)
    {
        var first = batch[0];
        var now = clock.GetUtcNow().UtcDateTime;
        var givenUp = error is not null && first.Attempts >= options.Value.MaxDeliveryAttempts;
        if (error is null)
            logger.LogInformation("Sent {Kind} notification of {Pipeline} ({Count}) to {Channel}", first.Kind, first.Pipeline, batch.Count, first.Channel);
        else if (givenUp)
            logger.LogError("Gave up sending {Kind} notification of {Pipeline} ({Count}) to {Channel} after {Attempts} attempts: {Error}",
                first.Kind, first.Pipeline, batch.Count, first.Channel, first.Attempts, error);
        else
            logger.LogWarning("Could not send {Kind} notification of {Pipeline} to {Channel} (attempt {Attempt}); will retry: {Error}",
                first.Kind, first.Pipeline, first.Channel, first.Attempts, error);

        var ids = batch.Select(n => n.Id).ToList();
        var retryAt = now + options.Value.RetryDelay * Math.Pow(2, Math.Min(first.Attempts - 1, 10));
        var state = error is null ? NotificationState.Delivered : givenUp ? NotificationState.Failed : NotificationState.Pending;
        var message = error is { Length: > 2000 } ? error[..2000] : error;
        // Not under the lead lock: these rows are claimed by this host until it is done with them.
        await using var db = await store.CreateDbContextAsync(CancellationToken.None);
        await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.State, state)
            .SetProperty(n => n.DeliveredAt, error is null ? now : null)
            .SetProperty(n => n.LastError, message)
            .SetProperty(n => n.NextAttemptAt, retryAt)
            .SetProperty(n => n.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }
}
