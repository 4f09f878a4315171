using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.WindTarget;

/// <summary>The target database on SQLite, with its own migrations (Migrations/Sqlite).</summary>
public sealed class SqliteWindTargetContext(DbContextOptions<SqliteWindTargetContext> options) : WindTargetContext(options);
