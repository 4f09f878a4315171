using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// A running task's <see cref="TaskLog"/> flush (a line and a progress report) once, by the engine's own code, inside the
/// <see cref="EngineWarmUp"/>'s transaction: its contexts use the warm-up's connection and transaction, so what it writes is
/// rolled back with the rest. EF Core builds the log insert and the progress update on first use, which a fresh host's first
/// task otherwise did (bench/notes.md, "air-quality on a fresh host, what is left after the warm-up").
/// </summary>
public static class TaskLogWarmUp
{
    public static async Task FlushOnceAsync(
        IServiceProvider services, RunStoreContext warmUp, Guid taskRunId, int attempt, TimeProvider clock)
    {
        var log = new TaskLog(taskRunId, attempt, NullLogger.Instance, new Joined(services, warmUp), clock);
        log.LogInformation("warm-up");
        log.Report(0.5);
        await log.FlushAsync();
        // TaskLog keeps a failed flush's lines for the next one and only logs it: say so here, or a warm-up that warmed nothing would pass.
        if (!await warmUp.TaskLogs.AnyAsync(l => l.TaskRunId == taskRunId))
            throw new InvalidOperationException("The task log warm-up's line was not written.");
    }

    /// <summary>
    /// Contexts that join <paramref name="warmUp"/>'s open connection and transaction (and own neither). Not from the store's
    /// factory: that one pools its contexts, and a pooled context would go back to the pool still holding this connection
    /// (a later lease then used it while Npgsql had handed it out again: "A command is already in progress").
    /// </summary>
    private sealed class Joined(IServiceProvider services, RunStoreContext warmUp) : IDbContextFactory<RunStoreContext>
    {
        public RunStoreContext CreateDbContext()
        {
            var transaction = warmUp.Database.CurrentTransaction
                ?? throw new InvalidOperationException("The task log warm-up runs inside the engine warm-up's transaction.");
            // The same concrete context with the options the store registered, outside its pool.
            var db = (RunStoreContext)ActivatorUtilities.CreateInstance(services, warmUp.GetType());
            db.Database.SetDbConnection(warmUp.Database.GetDbConnection());
            db.Database.UseTransaction(transaction.GetDbTransaction());
            return db;
        }
    }
}
