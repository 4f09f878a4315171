using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// The run store's hottest reads, compiled once: every task transition loads its run, and translating the LINQ
/// each time cost more than running it. One set per provider's context type, because a compiled query keeps the
/// translation of the first context it ran on (tests run both providers in one process).
/// </summary>
public static class RunStoreQueries<TContext> where TContext : RunStoreContext
{
    /// <summary>The run a task belongs to, with all its tasks, tracked.</summary>
    public static readonly Func<TContext, Guid, CancellationToken, Task<PipelineRunRecord>> RunOfTask =
        EF.CompileAsyncQuery((TContext db, Guid taskRunId, CancellationToken ct) =>
            db.Runs.Include(r => r.Tasks)
                .Single(r => r.Id == db.TaskRuns.Where(t => t.Id == taskRunId).Select(t => t.RunId).FirstOrDefault()));
}
