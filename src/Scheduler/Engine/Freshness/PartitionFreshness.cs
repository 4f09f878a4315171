using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Notifications;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Freshness;

/// <summary>
/// Which days of a pipeline are late: its freshness deadline (a time after the day ends, in its time zone) has
/// passed and no run of the day has succeeded. The API, the dashboard, the gauge and the late alerts all ask here.
/// </summary>
public sealed class PartitionFreshness(PipelineCatalog catalog, NotificationPolicies policies, TimeProvider clock) : IPartitionDeadlines
{
    /// <summary>The instant by which the day must have succeeded.</summary>
    public static DateTimeOffset Deadline(DateOnly day, TimeZoneInfo zone, TimeSpan freshBy) =>
        PartitionCalendar.StartOfDay(day.AddDays(1), zone) + freshBy;

    /// <summary>The day has not succeeded and its deadline has passed (the partitions API and calendar ask here).</summary>
    public bool IsLate(PipelineDefinition pipeline, DateOnly day, PartitionState latest, DateTimeOffset now) =>
        latest != PartitionState.Succeeded && pipeline.Partitioning is { } partitioning && day >= partitioning.Start
        && policies.FreshBy(pipeline.Name) is { } freshBy && Deadline(day, partitioning.TimeZone, freshBy) <= now;

    /// <summary>The pipelines that declare a deadline, with it.</summary>
    public IEnumerable<(PipelineDefinition Pipeline, DailyPartitioning Partitioning, TimeSpan FreshBy)> Declared() =>
        from p in catalog.All
        let freshBy = policies.FreshBy(p.Name)
        where freshBy is not null && p.Partitioning is not null
        select (p, p.Partitioning!, freshBy!.Value);

    /// <summary>The late days of the pipeline between first and last (inclusive); none when it declares no deadline.</summary>
    public async Task<IReadOnlySet<DateOnly>> LateDaysAsync(RunStoreContext db, string pipeline, DateOnly first, DateOnly last, CancellationToken ct)
    {
        if (catalog.Find(pipeline) is not { Partitioning: { } partitioning } || policies.FreshBy(pipeline) is not { } freshBy)
            return new HashSet<DateOnly>();
        var now = clock.GetUtcNow();
        if (first < partitioning.Start) first = partitioning.Start;
        var lastDue = LastDueDay(partitioning.TimeZone, freshBy, now);
        if (last > lastDue) last = lastDue;
        if (last < first) return new HashSet<DateOnly>();

        // Day by day: the succeeded runs of a long history are far more than its days.
        return (await PartitionRuns.WithoutSuccessAsync(db, pipeline, first, last, ct)).ToHashSet();
    }

    /// <summary>Every late day of the pipeline, from its first day on.</summary>
    public Task<IReadOnlySet<DateOnly>> LateDaysAsync(RunStoreContext db, string pipeline, CancellationToken ct) =>
        LateDaysAsync(db, pipeline, DateOnly.MinValue, DateOnly.MaxValue, ct);

    /// <summary>The last day whose deadline has passed.</summary>
    private static DateOnly LastDueDay(TimeZoneInfo zone, TimeSpan freshBy, DateTimeOffset now)
    {
        var day = PartitionCalendar.DayOf(now - freshBy, zone).AddDays(-1);
        while (Deadline(day.AddDays(1), zone, freshBy) <= now) day = day.AddDays(1);
        while (Deadline(day, zone, freshBy) > now) day = day.AddDays(-1);
        return day;
    }
}
