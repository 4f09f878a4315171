using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the host.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRunStoreContext>
{
    public PostgresRunStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRunStoreContext>().UseNpgsql("Host=design-time-only").Options);
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRunStoreContext>
{
    public SqliteRunStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRunStoreContext>().UseSqlite("Data Source=design-time.db").Options);
}
