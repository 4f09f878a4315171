using Pipeline.Jobs;

namespace Pipeline.Bench.Pipelines;

/// <summary>A task that does nothing, so a run's cost is the engine's alone.</summary>
public sealed class NoopJob : IJob
{
    public Task<JobResult> RunAsync(JobContext context) => Task.FromResult(JobResult.Empty);
}
