using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Sql;

namespace Pipeline.Connectors.Warehouse;

/// <summary>Where the warehouse lives (chosen once at start-up) and how to bring its schema up to date.</summary>
public sealed class WarehouseDatabase(SqlDatabase database, IDbContextFactory<WarehouseContext> contexts)
{
    public const string DatabaseName = "warehouse";

    public SqlDatabase Database => database;

    /// <summary>Creates the database if needed and applies the migrations; safe to run from several hosts.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await database.MigrateAsync(db, ct);
    }
}
