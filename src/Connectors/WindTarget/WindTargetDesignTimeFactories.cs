using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pipeline.Connectors.WindTarget;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without a host.</summary>
public sealed class PostgresWindTargetDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWindTargetContext>
{
    public PostgresWindTargetContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWindTargetContext>().UseNpgsql("Host=design-time-only").Options);
}

public sealed class SqliteWindTargetDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWindTargetContext>
{
    public SqliteWindTargetContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWindTargetContext>().UseSqlite("Data Source=design-time.db").Options);
}
