using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// The run store's reads that every run goes through, each once with an id that names nothing: EF Core translates and
/// compiles a query on its first execution and keeps the result, so the first run then finds them ready. Reads only.
/// </summary>
public sealed class RunStoreWarmUp(IDbContextFactory<RunStoreContext> store, RunQueries runs)
{
    public async Task WarmUpAsync(CancellationToken ct)
    {
        var nothing = Guid.NewGuid();
        await using (var db = await store.CreateDbContextAsync(ct))
        {
            // The transitions' compiled query; Single throws on an id that names no task, after compiling.
            try { await db.RunOfTaskAsync(nothing, ct); }
            catch (InvalidOperationException) { }
        }
        await runs.GetAsync(nothing, ct);
    }
}
