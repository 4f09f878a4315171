using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// A relational database a pipeline reads or writes: which engine, and how to reach it. The choice is made
/// once at start-up (see <see cref="SqlDatabases"/>); code that uses it never branches on the mode.
/// </summary>
public sealed record SqlDatabase(string Name, SqlProvider Provider, string ConnectionString)
{
    /// <summary>Where it lives, for the start-up log line: never the password.</summary>
    public string Describe()
    {
        if (Provider == SqlProvider.Sqlite)
            return $"SQLite at {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var postgres = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database {postgres.Database} on {postgres.Host}:{postgres.Port}";
    }
}
