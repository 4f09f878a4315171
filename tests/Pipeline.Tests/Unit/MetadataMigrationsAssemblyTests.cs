using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.Warehouse;
using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindTarget;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Tests.Unit;

/// <summary>Every context of ours finds the same migrations and model snapshot by metadata as EF Core finds by listing types.</summary>
public sealed class MetadataMigrationsAssemblyTests
{
    public static TheoryData<string> Contexts => new(Factories.Keys);

    private static readonly Dictionary<string, Func<bool, DbContext>> Factories = new()
    {
        ["run store, PostgreSQL"] = metadata => new PostgresRunStoreContext(Postgres<PostgresRunStoreContext>(metadata)),
        ["run store, SQLite"] = metadata => new SqliteRunStoreContext(Sqlite<SqliteRunStoreContext>(metadata)),
        ["warehouse, PostgreSQL"] = metadata => new PostgresWarehouseContext(Postgres<PostgresWarehouseContext>(metadata)),
        ["warehouse, SQLite"] = metadata => new SqliteWarehouseContext(Sqlite<SqliteWarehouseContext>(metadata)),
        ["wind source, PostgreSQL"] = metadata => new PostgresWindSourceContext(Postgres<PostgresWindSourceContext>(metadata)),
        ["wind source, SQLite"] = metadata => new SqliteWindSourceContext(Sqlite<SqliteWindSourceContext>(metadata)),
        ["wind target, PostgreSQL"] = metadata => new PostgresWindTargetContext(Postgres<PostgresWindTargetContext>(metadata)),
        ["wind target, SQLite"] = metadata => new SqliteWindTargetContext(Sqlite<SqliteWindTargetContext>(metadata)),
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void The_same_migrations_and_snapshot_as_EF_Core_finds(string context)
    {
        using var stock = Factories[context](false);
        using var ours = Factories[context](true);
        var expected = stock.GetService<IMigrationsAssembly>();
        var actual = ours.GetService<IMigrationsAssembly>();

        Assert.IsType<MetadataMigrationsAssembly>(actual);
        Assert.NotEmpty(actual.Migrations);
        Assert.Equal(expected.Migrations.ToList(), actual.Migrations.ToList());
        Assert.Equal(expected.ModelSnapshot!.GetType(), actual.ModelSnapshot!.GetType());
        var last = expected.Migrations.Keys.Last();
        Assert.Equal(last, actual.FindMigrationId(last));
        Assert.Equal(last, actual.FindMigrationId(last[15..]));
    }

    private static DbContextOptions<T> Postgres<T>(bool metadata) where T : DbContext =>
        With(new DbContextOptionsBuilder<T>().UseNpgsql("Host=127.0.0.1;Database=never-opened"), metadata);

    private static DbContextOptions<T> Sqlite<T>(bool metadata) where T : DbContext =>
        With(new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:"), metadata);

    private static DbContextOptions<T> With<T>(DbContextOptionsBuilder<T> options, bool metadata) where T : DbContext =>
        (metadata ? (DbContextOptionsBuilder<T>)options.UseMetadataMigrations() : options).Options;
}
