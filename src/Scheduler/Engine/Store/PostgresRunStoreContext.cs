using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

public sealed class PostgresRunStoreContext(DbContextOptions<PostgresRunStoreContext> options) : RunStoreContext(options)
{
    public override Task<PipelineRunRecord> RunOfTaskAsync(Guid taskRunId, CancellationToken ct) =>
        RunStoreQueries<PostgresRunStoreContext>.RunOfTask(this, taskRunId, ct);
}
