using Pipeline.Connectors.Sql;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Scheduler.Hosting;

public static class WarehouseHostingExtensions
{
    /// <summary>
    /// Registers the warehouse where the configuration places it: ConnectionStrings:Warehouse when set, else a
    /// database of its own beside ConnectionStrings:Postgres ("&lt;name&gt;_warehouse"), else a SQLite file in the
    /// data directory. Its schema is migrated, and its place logged in one line, before any task runs.
    /// </summary>
    public static IServiceCollection AddPipelineWarehouse(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var database = SqlDatabases.Resolve(WarehouseDatabase.DatabaseName, configuration.GetConnectionString("Warehouse"),
            configuration.GetConnectionString("Postgres"), dataDirectory);
        services.AddWarehouse(database);
        services.AddHostedService<WarehouseStartup>();
        return services;
    }

    private sealed class WarehouseStartup(WarehouseDatabase warehouse, ILogger<WarehouseStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await warehouse.MigrateAsync(cancellationToken);
            logger.LogInformation("Warehouse: {Where}", warehouse.Database.Describe());
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
