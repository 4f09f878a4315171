using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.Warehouse;

/// <summary>
/// Loads one source file's rows into working_data. A file's rows are replaced as a whole in one
/// transaction, so loading it again (a retried task, a re-run) leaves exactly one copy; the unique
/// (source_file, source_row) pair makes two concurrent loads of one file fail rather than duplicate.
/// </summary>
public sealed class WorkingDataLoader(IDbContextFactory<WarehouseContext> contexts)
{
    public async Task<int> LoadFileAsync(string sourceFile, IReadOnlyList<WorkingDataRow> rows, CancellationToken ct)
    {
        if (rows.Any(r => r.SourceFile != sourceFile))
            throw new ArgumentException("Every row must come from the file being loaded.", nameof(rows));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.WorkingData.Where(r => r.SourceFile == sourceFile).ExecuteDeleteAsync(ct);
            db.WorkingData.AddRange(rows.Select(r => new WorkingDataRow
            {
                DataIngestao = r.DataIngestao,
                DadoLinha = r.DadoLinha,
                Tag = r.Tag,
                SourceFile = r.SourceFile,
                SourceRow = r.SourceRow,
            }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return rows.Count;
        });
    }
}
