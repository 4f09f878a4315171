using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Lake;
using Pipeline.Jobs.AirQuality;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>
/// The start-up warm-up: every part of it runs (none logs that it could not be warmed), and it keeps nothing: the engine's
/// writes are rolled back, and the run store, the lake and the cache are as empty afterwards as before.
/// </summary>
public sealed class StartupWarmUpTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_starting_host_warms_the_run_store_the_engines_writes_and_the_air_quality_steps_and_writes_nothing(bool services)
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        // Embedded (SQLite, a folder lake) and on the services (PostgreSQL, whose retrying execution strategy refuses what
        // SQLite allows, and the S3 lake, whose reads the warm-up makes in a bucket it must not create).
        await using var database = services ? await PostgresDatabase.CreateAsync("warm_up") : null;
        var bucketName = S3Server.UniqueBucket("warm-up");
        var warnings = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = data.Path,
            ["Engine:RegisterSchedules"] = "false",
            ["ConnectionStrings:Postgres"] = database?.ConnectionString,
            ["AirQuality:Bucket"] = bucketName,
        });
        if (services) builder.Configuration.AddInMemoryCollection(S3Server.HostSettings());
        builder.Logging.AddProvider(new WarningLog(warnings));
        builder.Services.AddPipelineEngine(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(ct);
        try
        {
            await host.Services.GetRequiredService<StartupWarmUp>().Completion.WaitAsync(Deadline, ct);

            Assert.Empty(warnings);
            var runs = await host.Services.GetRequiredService<RunQueries>().ListAsync(null, null, null, 1, 10, ct);
            Assert.Empty(runs.Items);
            await using (var store = await host.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>().CreateDbContextAsync(ct))
                Assert.Equal(0, await store.TaskLogs.CountAsync(ct));
            var bucket = host.Services.GetRequiredService<AirQualityLake>().Bucket;
            Assert.Empty(await bucket.ListAsync("", ct).ToListAsync(ct));
            if (services) Assert.False(await S3Server.BucketExistsAsync(bucketName));
            Assert.Equal(0L, await host.Services.GetRequiredService<ICache>().CountKeysAsync("", ct));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            if (services) await S3Server.DropBucketAsync(bucketName);
        }
    }

    /// <summary>The warm-up's warnings (one per part it could not warm).</summary>
    private sealed class WarningLog(ConcurrentQueue<string> warnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName == typeof(StartupWarmUp).FullName ? this : NullLog.Instance;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning) warnings.Enqueue(formatter(state, exception));
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public void Dispose() { }
    }

    private sealed class NullLog : ILogger
    {
        public static readonly NullLog Instance = new();

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }

        public bool IsEnabled(LogLevel logLevel) => false;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    }
}
