using System.Data.Common;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// Runs several statements in the caller's transaction, in order, in one round trip where the provider batches
/// (Npgsql's <see cref="DbBatch"/>), else one command after the other (SQLite, which runs in-process anyway).
/// </summary>
public static class SqlBatch
{
    /// <returns>The rows each statement affected, in the order given.</returns>
    public static async Task<int[]> RunAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters)> statements, CancellationToken ct)
    {
        var affected = new int[statements.Count];
        if (!connection.CanCreateBatch)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                await using var command = connection.Command(statements[i].Sql, transaction);
                foreach (var (name, value) in statements[i].Parameters) command.Add(name, value);
                affected[i] = await command.ExecuteNonQueryAsync(ct);
            }
            return affected;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < statements.Count; i++) affected[i] = batch.BatchCommands[i].RecordsAffected;
        return affected;
    }
}
