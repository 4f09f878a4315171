using Pipeline.Jobs.Ingest;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>
/// ingest: POST /data and POST /send-pokemon-data write the payload as a Parquet file to the lake bucket
/// raw-data, then start a run of this pipeline with the file's key; its task reads the file back and loads it
/// into the warehouse table working_data (once, however often it runs).
/// </summary>
public sealed class IngestPipeline : IPipelineProvider
{
    public const string Name = "ingest";

    public PipelineDefinition Define() => new PipelineBuilder(Name)
        .Describe("Loads a file accepted by POST /data from the lake bucket raw-data into the warehouse table working_data.")
        .MaxConcurrentRuns(32)
        .DefaultRetry(new RetryPolicy(Attempts: 4, InitialDelay: TimeSpan.FromSeconds(2), MaxDelay: TimeSpan.FromSeconds(30)))
        .DefaultTimeout(TimeSpan.FromMinutes(5))
        .Task<LoadRawDataToWarehouse>("load_warehouse")
        .Build();
}
