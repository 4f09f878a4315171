namespace Pipeline.Scheduler.Engine;

/// <summary>A request for a pipeline the catalog does not have: a 404 on the API.</summary>
public sealed class PipelineNotFoundException(string pipeline) : Exception($"There is no pipeline named '{pipeline}'.")
{
    public string Pipeline { get; } = pipeline;
}
