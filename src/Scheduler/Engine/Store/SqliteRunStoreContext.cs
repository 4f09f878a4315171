using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

public sealed class SqliteRunStoreContext(DbContextOptions<SqliteRunStoreContext> options) : RunStoreContext(options)
{
    public override Task<PipelineRunRecord> RunOfTaskAsync(Guid taskRunId, CancellationToken ct) =>
        RunStoreQueries<SqliteRunStoreContext>.RunOfTask(this, taskRunId, ct);
}
