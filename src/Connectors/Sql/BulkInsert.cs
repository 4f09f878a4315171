using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// Inserts many rows inside the caller's transaction, the fast way for each engine: binary COPY on
/// PostgreSQL, one prepared statement re-executed on SQLite. Values are DateTime (UTC), int, double or null.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> RunAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        return connection is NpgsqlConnection postgres
            ? await CopyAsync(postgres, table, columns, rows, ct)
            : await InsertAsync(connection, transaction, table, columns, rows, ct);
    }

    private static async Task<int> CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        var count = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await importer.WriteNullAsync(ct); break;
                    case DateTime t: await importer.WriteAsync(t, NpgsqlDbType.TimestampTz, ct); break;
                    case double d: await importer.WriteAsync(d, NpgsqlDbType.Double, ct); break;
                    case int i: await importer.WriteAsync(i, NpgsqlDbType.Integer, ct); break;
                    default: throw new ArgumentException($"Cannot copy a {value.GetType().Name} into {table}.");
                }
            }
            count++;
        }
        await importer.CompleteAsync(ct);
        return count;
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var insert = connection.Command(
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            transaction);
        var parameters = columns.Select((_, i) => insert.Add($"p{i}", null)).ToArray();
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
            count++;
        }
        return count;
    }
}
