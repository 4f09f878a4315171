namespace Pipeline.Jobs;

/// <summary>
/// A unit of work in a pipeline. Implementations are plain classes: no Hangfire, no ASP.NET.
/// The engine resolves them from dependency injection, so connectors arrive through the constructor.
/// </summary>
public interface IJob
{
    Task<JobResult> RunAsync(JobContext context);
}
