using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Connectors.Sql;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Scheduler.Hosting;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: the pipeline catalog, the run store and Hangfire on the storage the
    /// configuration chooses (PostgreSQL when ConnectionStrings:Postgres is set, else in-memory and SQLite).
    /// Hangfire's storage and filters are registered per host rather than through its static globals, so
    /// several hosts (tests, a CLI next to a server) can live in one process.
    /// </summary>
    public static IServiceCollection AddPipelineEngine(this IServiceCollection services, IConfiguration configuration, bool runWorkers = true)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section))
            .Validate(o => o.WorkerCount >= 0, "Engine:WorkerCount must be 0 or more.")
            .Validate(o => o.MaxBackfillDays >= 1, "Engine:MaxBackfillDays must be at least 1.")
            .Validate(o => o.LogFlushInterval > TimeSpan.Zero && o.OrphanAfter > TimeSpan.Zero && o.SchedulePollingInterval > TimeSpan.Zero
                           && o.QueuePollInterval > TimeSpan.Zero, "Engine intervals must be positive.")
            .ValidateOnStart();
        var engine = configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        var mode = StorageMode.From(configuration, engine.DataDirectory);
        services.AddSingleton(mode);
        services.TryAddSingleton(TimeProvider.System);

        // Built now, not on first use, so that a bad DAG stops the host before anything starts.
        if (services.All(d => d.ServiceType != typeof(PipelineCatalog)))
            services.AddSingleton(new PipelineCatalog(PipelineRegistration.All(configuration)));

        AddRunStore(services, mode);
        services.AddWindEtl(configuration, engine.DataDirectory);
        // Hosted services start in registration order: migrations and lock rows before Hangfire's workers.
        services.AddHostedService<EngineStartup>();
        services.AddLake(configuration, engine.DataDirectory);
        services.AddPipelineConnectors(configuration);
        services.AddPipelineWarehouse(configuration, engine.DataDirectory);
        services.AddIngestAndCrypto(configuration);
        services.AddPipelineServices(configuration);
        services.AddBreweries(configuration);
        AddHangfire(services, mode, engine, runWorkers);

        services.AddSingleton<RunningTasks>();
        services.AddSingleton<TaskDispatcher>();
        services.AddSingleton<QueuedRunStarter>();
        services.AddSingleton<TaskTransitions>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<EmbeddedRecovery>();
        services.AddSingleton<BackfillStore>();
        services.AddSingleton<RunRequests>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<PipelineQueries>();
        services.AddSingleton<ScheduleRegistrar>();
        services.AddTransient<TaskRunner>();
        services.AddTransient<ScheduledTrigger>();
        if (runWorkers) services.AddHostedService<OrphanReconciler>();
        return services;
    }

    private static void TryAddSingleton<T>(this IServiceCollection services, T instance) where T : class
    {
        if (services.All(d => d.ServiceType != typeof(T))) services.AddSingleton(instance);
    }

    private static void AddRunStore(IServiceCollection services, StorageMode mode)
    {
        if (mode.UsesPostgres)
        {
            services.AddPooledDbContextFactory<PostgresRunStoreContext>(o => o.UseNpgsql(mode.PostgresConnectionString));
            services.AddSingleton<IDbContextFactory<RunStoreContext>, RunStoreFactory<PostgresRunStoreContext>>();
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(mode.SqlitePath)!);
            services.AddSingleton(EmbeddedStoreLock.Acquire(mode.SqlitePath));
            services.AddPooledDbContextFactory<SqliteRunStoreContext>(o =>
                o.UseSqlite($"Data Source={mode.SqlitePath};Default Timeout=60").AddInterceptors(new SqliteConnectionSettings()));
            services.AddSingleton<IDbContextFactory<RunStoreContext>, RunStoreFactory<SqliteRunStoreContext>>();
        }
    }

    private static void AddHangfire(IServiceCollection services, StorageMode mode, EngineOptions engine, bool runWorkers)
    {
        services.AddSingleton<JobStorage>(sp =>
        {
            // Hangfire's configuration (serializer, log provider) must be applied before its storage is used.
            sp.GetRequiredService<IGlobalConfiguration>();
            return mode.UsesPostgres
                ? new PostgreSqlStorage(
                    new NpgsqlConnectionFactory(mode.PostgresConnectionString, PostgresStorageOptions(engine)),
                    PostgresStorageOptions(engine))
                : new InMemoryStorage(new InMemoryStorageOptions());
        });

        // The engine's filter joins Hangfire's global ones (AutomaticRetry among them) for this host only.
        services.AddSingleton<TaskJobFilter>();
        services.AddSingleton<IJobFilterProvider>(sp =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<TaskJobFilter>() }));

        // Hangfire's default activator is a static that the last configured host wins; each host gets its own.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));

        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (runWorkers && engine.WorkerCount > 0)
        {
            services.AddHangfireServer((provider, options) =>
            {
                options.WorkerCount = engine.WorkerCount;
                options.Queues = TaskQueues.ServerQueues(provider.GetRequiredService<PipelineCatalog>().Queues);
                options.SchedulePollingInterval = engine.SchedulePollingInterval;
                // How soon an attempt on this host notices that its job was deleted (a run cancelled elsewhere).
                options.CancellationCheckInterval = TimeSpan.FromSeconds(1);
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
            });
        }
    }

    private static PostgreSqlStorageOptions PostgresStorageOptions(EngineOptions engine) => new()
    {
        QueuePollInterval = engine.QueuePollInterval,
        EnableLongPolling = engine.LongPolling,
        UseSlidingInvisibilityTimeout = true,
        PrepareSchemaIfNecessary = true,
        SchemaName = "hangfire",
    };
}
