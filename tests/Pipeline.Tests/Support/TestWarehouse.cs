using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Tests.Support;

/// <summary>A migrated warehouse of its own: a fresh PostgreSQL database or a SQLite file in a temp folder.</summary>
public sealed class TestWarehouse : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;
    private readonly TempDirectory? _folder;

    private TestWarehouse(ServiceProvider services, PostgresDatabase? postgres, TempDirectory? folder)
    {
        Services = services;
        _postgres = postgres;
        _folder = folder;
    }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestWarehouse> CreateAsync(SqlProvider provider)
    {
        PostgresDatabase? postgres = null;
        TempDirectory? folder = null;
        SqlDatabase database;
        if (provider == SqlProvider.Postgres)
        {
            postgres = await PostgresDatabase.CreateAsync("warehouse");
            database = new SqlDatabase(WarehouseDatabase.DatabaseName, SqlProvider.Postgres, postgres.ConnectionString);
        }
        else
        {
            folder = new TempDirectory();
            database = SqlDatabases.Resolve(WarehouseDatabase.DatabaseName, null, null, folder.Path);
        }
        var services = new ServiceCollection().AddWarehouse(database).BuildServiceProvider();
        await services.GetRequiredService<WarehouseDatabase>().MigrateAsync(TestContext.Current.CancellationToken);
        return new TestWarehouse(services, postgres, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder?.Dispose();
    }
}
