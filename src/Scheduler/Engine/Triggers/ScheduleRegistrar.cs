using Hangfire;
using Hangfire.Storage;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>Makes Hangfire's recurring jobs match the pipelines' schedules: adds, updates, and removes stale ones.</summary>
public sealed class ScheduleRegistrar(
    PipelineCatalog catalog,
    IRecurringJobManager recurring,
    JobStorage storage,
    ILogger<ScheduleRegistrar> logger)
{
    public void Register()
    {
        var wanted = new HashSet<string>();
        foreach (var pipeline in catalog.All)
        {
            if (pipeline.Schedule is not { } schedule) continue;
            var id = ScheduledTrigger.RecurringJobId(pipeline.Name);
            wanted.Add(id);
            recurring.AddOrUpdate<ScheduledTrigger>(
                id,
                t => t.FireAsync(pipeline.Name, null, CancellationToken.None),
                schedule.Cron,
                new RecurringJobOptions { TimeZone = schedule.TimeZone });
            logger.LogInformation("Scheduled {Pipeline}: '{Cron}' in {TimeZone}", pipeline.Name, schedule.Cron, schedule.TimeZone.Id);
        }

        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
            if (job.Id.StartsWith("pipeline:", StringComparison.Ordinal) && !wanted.Contains(job.Id))
                recurring.RemoveIfExists(job.Id);
    }
}
