using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pipeline.Connectors.WindSource;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without a host.</summary>
public sealed class PostgresWindSourceDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWindSourceContext>
{
    public PostgresWindSourceContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWindSourceContext>().UseNpgsql("Host=design-time-only").Options);
}

public sealed class SqliteWindSourceDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWindSourceContext>
{
    public SqliteWindSourceContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWindSourceContext>().UseSqlite("Data Source=design-time.db").Options);
}
