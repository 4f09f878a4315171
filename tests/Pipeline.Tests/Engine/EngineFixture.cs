using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine;

/// <summary>
/// A running engine (Hangfire server and run store) with the test pipelines, on one kind of storage.
/// The engine suite runs once per subclass: embedded and PostgreSQL.
/// </summary>
public abstract class EngineFixture : IAsyncLifetime
{
    public const int Workers = 16;

    /// <summary>Hangfire workers of this engine; the priority tests need exactly one to make the order observable.</summary>
    protected virtual int WorkerCount => Workers;

    /// <summary>
    /// How long a job may go on with inline work (Engine:InlineBudget). No end here: on a loaded machine the shipped 1 s could
    /// run out mid-chain and change which job runs which task, and tests count jobs.
    /// </summary>
    protected virtual string InlineBudget => "01:00:00";

    /// <summary>How long a job keeps the siblings of a task it runs inline (Engine:KeepSiblingsFor); the shipped default here.</summary>
    protected virtual string KeepSiblingsFor => "00:00:00.050";

    private readonly TempDirectory _data = new();
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;
    public TestProbe Probe => Services.GetRequiredService<TestProbe>();
    public RunRequests Requests => Services.GetRequiredService<RunRequests>();
    public RunQueries Queries => Services.GetRequiredService<RunQueries>();

    protected abstract Task<string?> PostgresConnectionStringAsync();

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await PostgresConnectionStringAsync(),
            ["Engine:DataDirectory"] = _data.Path,
            ["Engine:WorkerCount"] = WorkerCount.ToString(),
            ["Engine:QueuePollInterval"] = "00:00:00.050",
            ["Engine:SchedulePollingInterval"] = "00:00:00.100",
            ["Engine:LogFlushInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
            ["Logging:LogLevel:Hangfire"] = "Error",
            // The recovery loop's rescue of tasks left without a job is an hour away: no engine test may pass by waiting for it.
            ["Engine:OrphanAfter"] = "01:00:00",
            ["Engine:KeepSiblingsFor"] = KeepSiblingsFor,
            ["Engine:InlineBudget"] = InlineBudget,
        });
        builder.Services.AddSingleton(new PipelineCatalog(TestPipelines.All()));
        builder.Services.AddSingleton<TestProbe>();
        builder.Services.AddPipelineEngine(builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }
        await DisposeStorageAsync();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeStorageAsync() => ValueTask.CompletedTask;

    public Task<RunDetail> WaitForRunAsync(Guid runId, Func<RunDetail, bool> done, string what, int seconds = 60) =>
        Eventually.ReturnsAsync(async () => (await Queries.GetAsync(runId, CancellationToken.None))!, done, TimeSpan.FromSeconds(seconds), what);

    public Task<RunDetail> WaitForEndAsync(Guid runId, int seconds = 60) =>
        WaitForRunAsync(runId, r => r.Run.State.IsTerminal(), $"run {runId} to end", seconds);
}

public class EmbeddedEngineFixture : EngineFixture
{
    protected override Task<string?> PostgresConnectionStringAsync() => Task.FromResult<string?>(null);
}

public class PostgresEngineFixture : EngineFixture
{
    private PostgresDatabase? _database;

    protected override async Task<string?> PostgresConnectionStringAsync()
    {
        _database = await PostgresDatabase.CreateAsync("engine");
        return _database.ConnectionString;
    }

    protected override async ValueTask DisposeStorageAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}

public sealed class SingleWorkerEmbeddedFixture : EmbeddedEngineFixture
{
    protected override int WorkerCount => 1;
    // One worker: a sibling's own job could not run beside it anyway, and the order of starts stays exact.
    protected override string KeepSiblingsFor => "01:00:00";
}

public sealed class SingleWorkerPostgresFixture : PostgresEngineFixture
{
    protected override int WorkerCount => 1;
    // One worker: a sibling's own job could not run beside it anyway, and the order of starts stays exact.
    protected override string KeepSiblingsFor => "01:00:00";
}

/// <summary>An embedded engine whose jobs have no time for inline work at all.</summary>
public sealed class NoInlineBudgetEmbeddedFixture : EmbeddedEngineFixture
{
    protected override string InlineBudget => "00:00:00";
}
