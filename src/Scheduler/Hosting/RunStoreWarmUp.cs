using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// The run store's reads that the API and the dashboard make of every run, once with an id that names nothing: EF Core
/// translates and compiles a query on its first execution and keeps the result, so the first look at a run then finds them
/// ready. Reads only; the transitions' own reads and writes are warmed by <see cref="EngineWarmUp"/>.
/// </summary>
public sealed class RunStoreWarmUp(RunQueries runs)
{
    public async Task WarmUpAsync(CancellationToken ct) => await runs.GetAsync(Guid.NewGuid(), ct);
}
