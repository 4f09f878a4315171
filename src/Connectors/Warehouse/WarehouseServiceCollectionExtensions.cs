using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Sql;

namespace Pipeline.Connectors.Warehouse;

public static class WarehouseServiceCollectionExtensions
{
    /// <summary>Registers the warehouse on the given database, its loader for working_data and the crypto store.</summary>
    public static IServiceCollection AddWarehouse(this IServiceCollection services, SqlDatabase database)
    {
        if (database.Provider == SqlProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresWarehouseContext>(o => o.UseSqlDatabase(database));
            services.AddSingleton<IDbContextFactory<WarehouseContext>, WarehouseFactory<PostgresWarehouseContext>>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteWarehouseContext>(o => o.UseSqlDatabase(database));
            services.AddSingleton<IDbContextFactory<WarehouseContext>, WarehouseFactory<SqliteWarehouseContext>>();
        }
        services.AddSingleton(sp => new WarehouseDatabase(database, sp.GetRequiredService<IDbContextFactory<WarehouseContext>>()));
        services.AddSingleton<WorkingDataLoader>();
        services.AddSingleton<CryptoSnapshotStore>();
        return services;
    }
}
