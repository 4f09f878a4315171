using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.WindTarget;

/// <summary>The target database on PostgreSQL, with its own migrations (Migrations/Postgres).</summary>
public sealed class PostgresWindTargetContext(DbContextOptions<PostgresWindTargetContext> options) : WindTargetContext(options);
