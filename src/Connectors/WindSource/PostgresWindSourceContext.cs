using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.WindSource;

/// <summary>The source database on PostgreSQL, with its own migrations (Migrations/Postgres).</summary>
public sealed class PostgresWindSourceContext(DbContextOptions<PostgresWindSourceContext> options) : WindSourceContext(options);
