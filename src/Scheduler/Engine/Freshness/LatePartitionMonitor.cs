using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Notifications;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Telemetry;

namespace Pipeline.Scheduler.Engine.Freshness;

/// <summary>
/// Every Notifications:FreshnessInterval, on every host: counts each pipeline's late partitions for the gauge; then
/// one host (the outbox's lock) records newly late partitions with their notification, once each, and forgets those
/// that have since succeeded.
/// </summary>
public sealed class LatePartitionMonitor(
    IDbContextFactory<RunStoreContext> store,
    PartitionFreshness freshness,
    NotificationPolicies policies,
    NotificationSignal signal,
    RunStoreSample sample,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<LatePartitionMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!freshness.Declared().Any()) return;
        using var timer = new PeriodicTimer(options.Value.FreshnessInterval, clock);
        do
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not check partitions' freshness; will try again");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task PassAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var late = new Dictionary<string, IReadOnlySet<DateOnly>>();
        foreach (var (pipeline, _, _) in freshness.Declared())
            late[pipeline.Name] = await freshness.LateDaysAsync(db, pipeline.Name, ct);
        sample.ReplaceLate(late.Select(l => new RunStoreSample.LateCount(l.Key, l.Value.Count)).ToList());

        var raised = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await db.TryLeadNotificationsAsync(ct)) return 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var count = 0;
            foreach (var (pipeline, partitioning, freshBy) in freshness.Declared())
            {
                var days = late[pipeline.Name];
                var known = await db.LatePartitions.Where(l => l.Pipeline == pipeline.Name).ToListAsync(ct);
                db.LatePartitions.RemoveRange(known.Where(k => !days.Contains(k.Partition)));
                var channels = policies.Channels(pipeline.Name);
                foreach (var day in days.Except(known.Select(k => k.Partition)).Order())
                {
                    db.LatePartitions.Add(new LatePartitionRecord
                    {
                        Pipeline = pipeline.Name,
                        Partition = day,
                        Deadline = PartitionFreshness.Deadline(day, partitioning.TimeZone, freshBy).UtcDateTime,
                        NotifiedAt = now,
                    });
                    foreach (var channel in channels)
                        db.Notifications.Add(NotificationOutbox.NewRecord(pipeline.Name, NotificationKind.PartitionLate, channel, null, day, null, now));
                    count++;
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return count;
        });
        if (raised > 0)
        {
            logger.LogWarning("{Count} partitions turned late", raised);
            signal.Raise();
        }
    }
}
