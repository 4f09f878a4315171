using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>Hands out the provider's context under its common type, so the engine never names a provider.</summary>
public sealed class RunStoreFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<RunStoreContext>
    where TContext : RunStoreContext
{
    public RunStoreContext CreateDbContext() => inner.CreateDbContext();

    public async Task<RunStoreContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
