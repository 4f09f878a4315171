using Npgsql;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// Decides where a named database lives. An explicit connection string wins (SQLite when it starts with
/// "Data Source="); otherwise, with the main PostgreSQL configured, a database of its own on that server
/// (named after the main one and the database's name); otherwise a SQLite file in the data directory.
/// </summary>
public static class SqlDatabases
{
    public static SqlDatabase Resolve(string name, string? explicitConnectionString, string? mainPostgres, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnectionString))
            return explicitConnectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
                ? new SqlDatabase(name, SqlProvider.Sqlite, explicitConnectionString)
                : new SqlDatabase(name, SqlProvider.Postgres, explicitConnectionString);

        if (!string.IsNullOrWhiteSpace(mainPostgres))
        {
            var builder = new NpgsqlConnectionStringBuilder(mainPostgres);
            builder.Database = $"{builder.Database ?? "pipeline"}_{name}";
            return new SqlDatabase(name, SqlProvider.Postgres, builder.ConnectionString);
        }

        var path = Path.GetFullPath(Path.Combine(dataDirectory, $"{name}.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqlDatabase(name, SqlProvider.Sqlite, $"Data Source={path};Default Timeout=60");
    }
}
