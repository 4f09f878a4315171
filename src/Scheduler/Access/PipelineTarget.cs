namespace Pipeline.Scheduler.Access;

/// <summary>Endpoint metadata: which pipeline a request acts on, for operators of one pipeline only.</summary>
public abstract record PipelineTarget
{
    /// <summary>The pipeline named by a route value (e.g. /api/pipelines/{name}/runs).</summary>
    public sealed record FromRoute(string Parameter = "name") : PipelineTarget;

    /// <summary>The pipeline of the run whose id is a route value.</summary>
    public sealed record OfRun(string Parameter = "id") : PipelineTarget;

    /// <summary>The pipeline of the backfill whose id is a route value.</summary>
    public sealed record OfBackfill(string Parameter = "id") : PipelineTarget;

    /// <summary>Always this pipeline (the ingest endpoints feed one).</summary>
    public sealed record Fixed(string Pipeline) : PipelineTarget;

    /// <summary>No pipeline in particular: only operators of every pipeline.</summary>
    public sealed record None : PipelineTarget;
}
