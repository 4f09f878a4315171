using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Leases;
using Pipeline.Scheduler.Engine.Notifications;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Store.CompiledModels.Postgres;
using Pipeline.Scheduler.Engine.Store.CompiledModels.Sqlite;
using Pipeline.Scheduler.Engine.Telemetry;
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
                           && o.QueuePollInterval > TimeSpan.Zero && o.LeaseRenewalInterval > TimeSpan.Zero
                           && o.ShutdownGracePeriod >= TimeSpan.Zero && o.StoreRetryPeriod >= TimeSpan.Zero && o.KeepSiblingsFor >= TimeSpan.Zero
                           && o.InlineBudget >= TimeSpan.Zero,
                "Engine intervals must be positive.")
            .Validate(o => o.LeaseLength >= 3 * o.LeaseRenewalInterval,
                "Engine:LeaseLength must be at least three times Engine:LeaseRenewalInterval, so that one late renewal does not lose a live attempt.")
            .Validate(o => o.InvisibilityTimeout >= o.LeaseLength, "Engine:InvisibilityTimeout must be at least Engine:LeaseLength.")
            .Validate(o => o.RetriesAfterLostAttempts >= 0, "Engine:RetriesAfterLostAttempts must be 0 or more.")
            .Validate(o => o.DistributedLockTimeout >= TimeSpan.FromSeconds(10), "Engine:DistributedLockTimeout must be at least 10 seconds.")
            .ValidateOnStart();
        var engine = configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        var mode = StorageMode.From(configuration, engine.DataDirectory);
        services.AddSingleton(mode);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HostIdentity>();
        // A clean stop waits for the grace period, then for the hand-back of what still runs.
        services.Configure<HostOptions>(o =>
        {
            var needed = engine.ShutdownGracePeriod + TimeSpan.FromSeconds(15);
            if (o.ShutdownTimeout < needed) o.ShutdownTimeout = needed;
        });

        // Built now, not on first use, so that a bad DAG stops the host before anything starts.
        if (services.All(d => d.ServiceType != typeof(PipelineCatalog)))
            services.AddSingleton(new PipelineCatalog(PipelineRegistration.All(configuration)));

        AddRunStore(services, mode, engine);
        services.AddWindEtl(configuration, engine.DataDirectory);
        // Hosted services start in registration order: migrations and lock rows before Hangfire's workers.
        services.AddHostedService<EngineStartup>();
        // After EngineStartup: its run gauges read tables the migrations create.
        services.AddPipelineTelemetry(configuration);
        services.AddPipelineNotifications(configuration, runWorkers);
        services.AddLake(configuration, engine.DataDirectory);
        services.AddPipelineConnectors(configuration);
        services.AddPipelineWarehouse(configuration, engine.DataDirectory);
        services.AddIngestAndCrypto(configuration);
        services.AddPipelineServices(configuration);
        services.AddBreweries(configuration);
        AddHangfire(services, mode, engine, runWorkers);

        services.AddOptions<NativeHeapOptions>().Bind(configuration.GetSection(NativeHeapOptions.Section))
            .Validate(o => o.TrimInterval >= TimeSpan.Zero, "NativeHeap:TrimInterval must be zero (off) or positive.")
            .ValidateOnStart();
        services.AddHostedService<NativeHeapTrimmer>();

        services.AddSingleton<RunningTasks>();
        services.AddSingleton<StorageRetry>();
        services.AddSingleton<AttemptRecovery>();
        services.AddSingleton<LostAttemptReaper>();
        services.AddSingleton<StrandedJobReaper>();
        services.AddSingleton<OrphanReconciler>();
        services.AddSingleton<TaskDispatcher>();
        services.AddSingleton<QueuedRunStarter>();
        services.AddSingleton<RunStarting>();
        services.AddSingleton<RunHandover>();
        services.AddSingleton<AttemptBeginning>();
        services.AddSingleton<TaskTransitions>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<EmbeddedRecovery>();
        services.AddSingleton<BackfillStore>();
        services.AddSingleton<RunRequests>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<PipelineQueries>();
        services.AddPipelineQueries();
        services.AddSingleton<ScheduleRegistrar>();
        services.AddOperatorControls(configuration);
        services.AddTransient<TaskRunner>();
        services.AddTransient<ScheduledTrigger>();
        if (runWorkers)
        {
            services.AddHostedService<LeaseRenewer>();
            services.AddHostedService<RecoveryLoop>();
            // Last: it starts once the store is migrated and the connectors are connecting.
            services.AddOptions<StartupWarmUpOptions>().Bind(configuration.GetSection(StartupWarmUpOptions.Section));
            services.AddSingleton<RunStoreWarmUp>();
            services.AddSingleton<EngineWarmUp>();
            services.AddSingleton<StartupWarmUp>();
            services.AddHostedService(sp => sp.GetRequiredService<StartupWarmUp>());
        }
        return services;
    }

    private static void TryAddSingleton<T>(this IServiceCollection services, T instance) where T : class
    {
        if (services.All(d => d.ServiceType != typeof(T))) services.AddSingleton(instance);
    }

    /// <summary>
    /// The run store on its compiled model (Engine/Store/CompiledModels: generated, checked against the model by
    /// CompiledRunStoreModelTests). Migrating does not compare the model with the migrations at each start: that check builds
    /// the whole model from its conventions, which is what the compiled model saves; RunStoreMigrationTests makes it instead.
    /// </summary>
    private static void AddRunStore(IServiceCollection services, StorageMode mode, EngineOptions engine)
    {
        if (mode.UsesPostgres)
        {
            // Every transition retries through a dropped connection or a restarting server (see RunStoreTransactions).
            services.AddPooledDbContextFactory<PostgresRunStoreContext>((sp, o) => o.UseNpgsql(EngineConnectionString.For(mode.PostgresConnectionString!, engine),
                npgsql => npgsql.EnableRetryOnFailure(StorageRetry.AttemptsFor(engine.StoreRetryPeriod), StorageRetry.MaxDelay, null))
                .AsRunStore(PostgresRunStoreContextModel.Instance, sp.GetServices<IInterceptor>()));
            services.AddSingleton<IDbContextFactory<RunStoreContext>, RunStoreFactory<PostgresRunStoreContext>>();
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(mode.SqlitePath)!);
            var storeLock = EmbeddedStoreLock.Acquire(mode.SqlitePath);
            services.AddSingleton(storeLock);
            // The container does not dispose an instance it was given: release the lock when the host stops, so that
            // another host in the same process (a restart, the next CLI command in a test) can open the store.
            services.AddHostedService(_ => new EmbeddedStoreLockRelease(storeLock));
            services.AddPooledDbContextFactory<SqliteRunStoreContext>((sp, o) =>
                o.UseSqlite($"Data Source={mode.SqlitePath};Default Timeout=60")
                    .AsRunStore(SqliteRunStoreContextModel.Instance, sp.GetServices<IInterceptor>().Prepend(new SqliteConnectionSettings())
                        .Append(sp.GetRequiredService<SqliteWriteGateInterceptor>())));
            services.AddSingleton<IDbContextFactory<RunStoreContext>, RunStoreFactory<SqliteRunStoreContext>>();
            // The host's writers take turns before SQLite's lock; successes that do not end their run skip EF (see SqliteSuccess).
            services.AddSingleton<SqliteWriteGate>();
            services.AddSingleton<SqliteWriteGateInterceptor>();
            services.AddSingleton<SqliteTransitionConnection>();
            services.AddSingleton<SqliteSuccess>();
        }
    }

    /// <summary>What both providers' run store share: the compiled model, the interceptors, migrations found by metadata.</summary>
    private static DbContextOptionsBuilder AsRunStore(this DbContextOptionsBuilder options, IModel model, IEnumerable<IInterceptor> interceptors) =>
        options.UseModel(model)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .AddInterceptors(interceptors)
            .UseMetadataMigrations();

    private static void AddHangfire(IServiceCollection services, StorageMode mode, EngineOptions engine, bool runWorkers)
    {
        services.AddSingleton<JobStorage>(sp =>
        {
            // Hangfire's configuration (serializer, log provider) must be applied before its storage is used.
            sp.GetRequiredService<IGlobalConfiguration>();
            return mode.UsesPostgres
                ? new PostgreSqlStorage(
                    new NpgsqlConnectionFactory(EngineConnectionString.For(mode.PostgresConnectionString!, engine), PostgresStorageOptions(engine)),
                    PostgresStorageOptions(engine))
                : new InMemoryStorage(new InMemoryStorageOptions());
        });

        // The engine's filter joins Hangfire's global ones (AutomaticRetry among them) for this host only, less two it has no use for.
        services.AddSingleton<TaskJobFilter>();
        services.AddSingleton<IJobFilterProvider, EngineJobFilters>();

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
                // The host's own name (the one its leases carry); heartbeats as often as lease renewals, so that the
                // Servers page and the stranded-job check agree with the leases about who is alive.
                options.ServerName = provider.GetRequiredService<HostIdentity>().Name;
                options.HeartbeatInterval = engine.LeaseRenewalInterval;
                options.ServerCheckInterval = engine.LeaseLength;
                options.ServerTimeout = TimeSpan.FromTicks(Math.Max(engine.LeaseLength.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                // On a clean stop, running attempts get the grace period before their token fires and they are handed back.
                options.StopTimeout = engine.ShutdownGracePeriod;
                options.ShutdownTimeout = engine.ShutdownGracePeriod + TimeSpan.FromSeconds(10);
            });
        }
    }

    private static PostgreSqlStorageOptions PostgresStorageOptions(EngineOptions engine) => new()
    {
        QueuePollInterval = engine.QueuePollInterval,
        EnableLongPolling = engine.LongPolling,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = engine.InvisibilityTimeout,
        DistributedLockTimeout = engine.DistributedLockTimeout,
        PrepareSchemaIfNecessary = true,
        SchemaName = "hangfire",
    };
}
