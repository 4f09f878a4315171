using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>The pipelines this host ships: add a line here when a file is added to this folder.</summary>
public static class PipelineRegistration
{
    /// <summary>Pipelines read their settings (time zones, start days, schedules) from the configuration.</summary>
    public static IEnumerable<PipelineDefinition> All(IConfiguration configuration) => new IPipelineProvider[]
    {
        new HelloPipeline(),
        new WindEtlPipeline(configuration),
        new IngestPipeline(),
        new CryptoPipeline(),
    }.Select(p => p.Define());
}
