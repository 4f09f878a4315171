using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>
/// The Hangfire job behind every pipeline's recurring schedule. A daily-partitioned pipeline runs the day
/// that had just closed when the schedule fired, in the pipeline's time zone. The Hangfire job id is the
/// run's idempotency key, so a retried trigger never makes a second run. A paused pipeline's schedule makes no run.
/// </summary>
public sealed class ScheduledTrigger(RunRequests requests, PipelineCatalog catalog, PipelinePauses pauses, ILogger<ScheduledTrigger> logger)
{
    public static string RecurringJobId(string pipeline) => $"pipeline:{pipeline}";

    [DisplayName("schedule {0}")]
    [AutomaticRetry(Attempts = 3)]
    public async Task FireAsync(string pipelineName, PerformContext? perform, CancellationToken ct)
    {
        var job = perform?.BackgroundJob ?? throw new InvalidOperationException("ScheduledTrigger runs only inside Hangfire.");
        var pipeline = catalog.Get(pipelineName);
        if (await pauses.IsPausedAsync(pipeline.Name, ct))
        {
            logger.LogInformation("Schedule of {Pipeline} fired while it is paused: no run made", pipeline.Name);
            return;
        }
        var partition = PartitionFor(pipeline, new DateTimeOffset(job.CreatedAt, TimeSpan.Zero));
        await requests.TriggerAsync(pipeline.Name, partition, null, "schedule", $"schedule:{job.Id}", ct);
    }

    public static string? PartitionFor(PipelineDefinition pipeline, DateTimeOffset firedAt) =>
        pipeline.Partitioning is { } partitioning
            ? PartitionCalendar.DayClosedBefore(firedAt, partitioning.TimeZone).ToString(PartitionCalendar.Format)
            : null;
}
