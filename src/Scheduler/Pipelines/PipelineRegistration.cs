using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>The pipelines this host ships: add a line here when a file is added to this folder.</summary>
public static class PipelineRegistration
{
    public static IEnumerable<PipelineDefinition> All() => new IPipelineProvider[]
    {
        new HelloPipeline(),
    }.Select(p => p.Define());
}
