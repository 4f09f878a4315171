using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pipeline.Connectors.Warehouse;

/// <summary>Lets `dotnet ef migrations add` build each engine's warehouse context without a host.</summary>
public sealed class PostgresWarehouseDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWarehouseContext>
{
    public PostgresWarehouseContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWarehouseContext>().UseNpgsql("Host=design-time-only").Options);
}

public sealed class SqliteWarehouseDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWarehouseContext>
{
    public SqliteWarehouseContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWarehouseContext>().UseSqlite("Data Source=design-time.db").Options);
}
