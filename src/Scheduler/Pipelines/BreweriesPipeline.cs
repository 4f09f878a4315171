using Pipeline.Jobs.Breweries;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>
/// Open Brewery DB into a medallion lake, one extraction day at a time: bronze (the API's JSON as received),
/// silver (cleaned Parquet by location), gold (counts per location and type) and a chart of gold. Each task
/// checks what it received (data-quality gates) and leaves an error log in the lake when it fails.
/// </summary>
public sealed class BreweriesPipeline(IConfiguration configuration) : IPipelineProvider
{
    public PipelineDefinition Define()
    {
        var options = configuration.GetSection(BreweriesOptions.Section).Get<BreweriesOptions>() ?? new BreweriesOptions();
        return new PipelineBuilder("breweries")
            .Describe("Open Brewery DB to a medallion lake: bronze JSON, silver Parquet by location, gold counts per location and type, a chart.")
            .PartitionedDaily(options.StartDate)
            .Schedule("0 3 * * *")
            .MaxConcurrentRuns(1)
            .DefaultRetry(new RetryPolicy(Attempts: options.TaskAttempts, InitialDelay: options.TaskRetryDelay,
                MaxDelay: options.TaskRetryDelay * 8))
            .DefaultTimeout(TimeSpan.FromMinutes(15))
            .Task<ExtractBronze>("extract_bronze")
            .Task<BuildSilver>("build_silver", after: ["extract_bronze"])
            .Task<BuildGold>("build_gold", after: ["build_silver"])
            .Task<RenderChart>("render_chart", after: ["build_gold"])
            .Build();
    }
}
