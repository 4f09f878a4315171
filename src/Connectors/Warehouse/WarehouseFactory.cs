using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.Warehouse;

/// <summary>Hands out the engine's context under its common type, so callers never name an engine.</summary>
public sealed class WarehouseFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<WarehouseContext>
    where TContext : WarehouseContext
{
    public WarehouseContext CreateDbContext() => inner.CreateDbContext();

    public async Task<WarehouseContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
