using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.WindSource;

/// <summary>The source database on SQLite, with its own migrations (Migrations/Sqlite).</summary>
public sealed class SqliteWindSourceContext(DbContextOptions<SqliteWindSourceContext> options) : WindSourceContext(options);
