using System.Globalization;
using Pipeline.Jobs.WindEtl;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>
/// wind-etl: one day of one-minute turbine data, read through the source API, aggregated to 10-minute
/// windows and loaded into the target database. The quality check runs beside the transform (both need only
/// the extracted minutes); load waits for both, so a day that fails its check is never loaded.
/// Settings (section "WindEtl"): TimeZone, FirstDay, Schedule, MaxConcurrentRuns, TaskAttempts, TaskRetryDelay.
/// </summary>
public sealed class WindEtlPipeline(IConfiguration configuration) : IPipelineProvider
{
    public const string Name = "wind-etl";

    public PipelineDefinition Define()
    {
        var settings = configuration.GetSection(WindEtlOptions.Section);
        var zone = settings["TimeZone"] is { Length: > 0 } z ? z : "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            throw new PipelineDefinitionException($"WindEtl:TimeZone: '{zone}' is not a time zone this machine knows (try UTC or Europe/Zurich).");
        var firstDayText = settings["FirstDay"] is { Length: > 0 } d ? d : "2024-10-01";
        if (!DateOnly.TryParseExact(firstDayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var firstDay))
            throw new PipelineDefinitionException($"WindEtl:FirstDay: '{firstDayText}' is not a date in the form yyyy-MM-dd.");
        var schedule = settings["Schedule"] is { Length: > 0 } s ? s : "0 1 * * *";
        var maxRuns = settings.GetValue("MaxConcurrentRuns", 32);
        var attempts = settings.GetValue("TaskAttempts", 3);
        var retryDelay = settings.GetValue("TaskRetryDelay", TimeSpan.FromSeconds(5));
        if (maxRuns < 1 || attempts < 1 || retryDelay < TimeSpan.Zero)
            throw new PipelineDefinitionException("WindEtl:MaxConcurrentRuns and WindEtl:TaskAttempts must be at least 1, WindEtl:TaskRetryDelay not negative.");

        return new PipelineBuilder(Name)
            .Describe("Daily ETL of wind turbine data: source API → 10-minute mean/min/max/std → target database.")
            .PartitionedDaily(firstDay, zone)
            .Schedule(schedule)
            .MaxConcurrentRuns(maxRuns)
            .DefaultRetry(new RetryPolicy(attempts, retryDelay, TimeSpan.FromMinutes(1)))
            .DefaultTimeout(TimeSpan.FromMinutes(5))
            .Task<ExtractWindData>("extract")
            .Task<TransformWindData>("transform", after: ["extract"])
            // A failed check is a fact about the data, not a glitch: its DataQualityException fails the task at once (it is an
            // IPermanentFailure), while a glitch in reading the data (the database restarting) is retried like any other.
            .Task<CheckWindData>("check", after: ["extract"])
            .Task<LoadWindData>("load", after: ["transform", "check"])
            .Build();
    }
}
