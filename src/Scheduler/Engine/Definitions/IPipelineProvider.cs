namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>Implemented once per file in Pipelines/: describes one pipeline.</summary>
public interface IPipelineProvider
{
    PipelineDefinition Define();
}
