using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// Inserts many new rows with multi-row INSERT statements built from the EF model (table, column names, value
/// converters and type mappings), without the change tracker. A 10,000-run backfill is 50,000 rows: tracked, EF spent
/// most of half a minute attaching them, detecting changes (once per SaveChanges interceptor too) and sorting its
/// commands; as statements of many rows it takes a fraction of that (bench/notes.md).
/// </summary>
/// <remarks>
/// For entities whose every value is set by the caller (no key made by the database). The rows skip the SaveChanges
/// interceptors, which act on modified runs and attempts only, never on new rows. Runs inside the context's current
/// transaction, if any.
/// </remarks>
public static class UntrackedInsert
{
    /// <summary>
    /// Parameters per statement. PostgreSQL: large statements, as each is a round trip (its limit is 65,535). SQLite is in
    /// process, and Microsoft.Data.Sqlite binds every parameter by looking its name up among all of the statement's:
    /// a statement of 18,000 parameters took seconds to bind, one of a few hundred takes nothing.
    /// </summary>
    private const int PostgresParameters = 30_000;
    private const int SqliteParameters = 250;
    private const int MaxRows = 1_000;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => new Column(p, p.GetColumnName(table)!, p.GetRelationalTypeMapping())).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var parameters = db.Database.IsNpgsql() ? PostgresParameters : SqliteParameters;
        var perStatement = Math.Max(1, Math.Min(MaxRows, parameters / columns.Count));

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = Statement(head, chunk, columns, command, sql);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Statement<T>(string head, T[] chunk, List<Column> columns, DbCommand command, ISqlGenerationHelper sql) where T : class
    {
        var text = new StringBuilder(head, head.Length + chunk.Length * columns.Count * 8);
        var index = 0;
        for (var row = 0; row < chunk.Length; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var name = "p" + index++;
                var value = column.Property.GetGetter().GetClrValueUsingContainingEntity(chunk[row]);
                command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), value, column.Property.IsNullable));
                if (c > 0) text.Append(", ");
                text.Append(sql.GenerateParameterNamePlaceholder(name));
            }
            text.Append(')');
        }
        return text.ToString();
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping);
}
