using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pipeline.Connectors.Sql;

/// <summary>Plain ADO.NET connections for bulk work that EF Core would do row by row.</summary>
public static class SqlConnections
{
    /// <summary>
    /// A new open connection, for <see cref="DeadConnectionRetry"/> only: work takes its connection from there, which opens
    /// another when a pooled one turns out dead (internal, so nothing outside this assembly can skip it).
    /// </summary>
    internal static async Task<DbConnection> OpenConnectionAsync(this SqlDatabase database, CancellationToken ct)
    {
        DbConnection connection = database.Provider == SqlProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (database.Provider == SqlProvider.Sqlite)
            {
                // As for EF Core contexts (SqliteConnectionSettings): SQLite's own busy handler, not a fixed 150 ms sleep.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout = 60000;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbParameter Add(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static double? NullableDouble(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    /// <summary>SQLite hands timestamps back without a kind; every timestamp stored here is UTC.</summary>
    public static DateTime UtcDateTime(this DbDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
