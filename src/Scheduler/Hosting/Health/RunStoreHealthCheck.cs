using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>The embedded run store (SQLite) opens and answers; PostgreSQL's is checked by AspNetCore.HealthChecks.NpgSql.</summary>
public sealed class RunStoreHealthCheck(IDbContextFactory<RunStoreContext> store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("SQLite (embedded)")
            : new HealthCheckResult(context.Registration.FailureStatus, "The SQLite run store cannot be opened.");
    }
}
