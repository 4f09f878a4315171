using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Runs before the host serves anything: validates the pipelines (a bad DAG stops the host with its
/// message), migrates the run store, says which storage each part uses, and registers schedules.
/// </summary>
public sealed class EngineStartup(
    IServiceProvider services,
    StorageMode mode,
    IOptions<EngineOptions> options,
    ILogger<EngineStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<PipelineCatalog>();
        var store = services.GetRequiredService<IDbContextFactory<RunStoreContext>>();

        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (!mode.UsesPostgres)
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.EnsurePipelineLocksAsync(catalog.All.Select(p => p.Name), cancellationToken);
            await services.GetRequiredService<PipelinePauses>().EnsureStatesAsync(db, cancellationToken);
        }

        if (mode.UsesPostgres)
        {
            logger.LogInformation("Orchestrator: Hangfire on PostgreSQL (schema hangfire)");
            logger.LogInformation("Run store: PostgreSQL");
        }
        else
        {
            logger.LogInformation("Orchestrator: Hangfire in memory (embedded mode; set ConnectionStrings:Postgres for PostgreSQL)");
            logger.LogInformation("Run store: SQLite at {Path}", mode.SqlitePath);
        }
        logger.LogInformation("Pipelines: {Pipelines}", string.Join(", ", catalog.All.Select(p => p.Name)));

        if (options.Value.RegisterSchedules)
            services.GetRequiredService<ScheduleRegistrar>().Register();
        if (!mode.UsesPostgres)
            await services.GetRequiredService<EmbeddedRecovery>().RecoverAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
