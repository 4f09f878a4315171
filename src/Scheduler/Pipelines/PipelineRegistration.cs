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
        new AirQualityPipeline(configuration),
        new BreweriesPipeline(configuration),
    }.Select(p => p.Define());

    /// <summary>The services the pipelines' jobs need beyond the connectors.</summary>
    public static IServiceCollection AddPipelineServices(this IServiceCollection services, IConfiguration configuration)
    {
        AirQualityPipeline.AddServices(services, configuration);
        return services;
    }
}
