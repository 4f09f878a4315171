using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// Sends what the outbox holds. Every host runs it; one at a time batches and claims (a lock held for that short
/// transaction, see <see cref="RunStoreContext.TryLeadNotificationsAsync"/>), then delivers outside any transaction,
/// each channel in a lane of its own (<see cref="NotificationLanes"/>), and records the outcome. A host that dies while
/// delivering leaves a claim that lapses, and another host delivers (again, if the dead host's call had got through).
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
    /// <summary>The wait before trying again when another host was claiming: its claim is one short transaction.</summary>
    private static readonly TimeSpan LeadTakenRetry = TimeSpan.FromMilliseconds(50);

    private readonly NotificationLanes _lanes = new(signal);

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
                var led = await StartDueAsync(stoppingToken);
                // Not led: another host was claiming, maybe before this host's failure committed; try again at once rather than after a poll.
                await signal.WaitAsync(led ? options.Value.PollInterval : LeadTakenRetry, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Notification pass failed; will try again");
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        await _lanes.DrainAsync();
    }

    /// <summary>
    /// Batches what is due, claims the next batch of every channel this host is not delivering to already, and starts
    /// delivering each in its channel's lane. False when another host held the lead, so nothing was claimed.
    /// </summary>
    private async Task<bool> StartDueAsync(CancellationToken ct)
    {
        var batches = await ClaimAsync(_lanes.BusyChannels, ct);
        if (batches is null) return false;
        foreach (var batch in batches) _lanes.Start(batch[0].Channel, () => DeliverAsync(batch, ct));
        return true;
    }

    private async Task DeliverAsync(IReadOnlyList<NotificationRecord> batch, CancellationToken ct)
    {
        string? error;
        try
        {
            error = await delivery.DeliverAsync(batch, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // shutting down: the claim lapses and the notification is delivered later
        }
        catch (Exception ex)
        {
            error = ex.Message;
        }
        try
        {
            await RecordAsync(batch, error, ct);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the delivery of a {Kind} notification of {Pipeline}; it is tried again when its claim lapses",
                batch[0].Kind, batch[0].Pipeline);
        }
    }

    /// <returns>The claimed batches, at most one a channel; null when another host holds the lead.</returns>
    private async Task<IReadOnlyList<IReadOnlyList<NotificationRecord>>?> ClaimAsync(IReadOnlyList<string> busyChannels, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await db.TryLeadNotificationsAsync(ct)) return null;
            var now = clock.GetUtcNow().UtcDateTime;
            await batcher.BatchAsync(db, now, ct);
            await db.SaveChangesAsync(ct);

            var due = await db.Notifications
                .Where(n => n.State == NotificationState.Pending && n.BatchId != null && n.NextAttemptAt <= now
                            && (n.ClaimedUntil == null || n.ClaimedUntil < now) && !busyChannels.Contains(n.Channel))
                .OrderBy(n => n.CreatedAt).Take(1000).ToListAsync(ct);
            // One batch a channel: a claimed batch starts at once, never behind another one of its channel (its lease runs from now).
            var next = due.GroupBy(n => n.Channel).Select(g => g.First().BatchId).ToHashSet();
            due = due.Where(n => next.Contains(n.BatchId)).ToList();
            foreach (var n in due)
            {
                n.ClaimedUntil = now + options.Value.DeliveryLease;
                n.Attempts++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (IReadOnlyList<IReadOnlyList<NotificationRecord>>?)due.GroupBy(n => n.BatchId)
                .Select(g => (IReadOnlyList<NotificationRecord>)g.OrderBy(n => n.CreatedAt).ToList()).ToList();
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
