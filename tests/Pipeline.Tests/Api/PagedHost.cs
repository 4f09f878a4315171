using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Jobs.Hello;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

/// <summary>
/// The real host with one pipeline of its own and no workers (nothing the test seeds moves), on SQLite or on a fresh
/// PostgreSQL database: for reading long histories through the API.
/// </summary>
public sealed class PagedHost : IAsyncDisposable
{
    public const string Pipeline = "paged";

    private readonly PostgresDatabase? _database;
    private readonly PipelineWebFactory _factory;
    private readonly WebApplicationFactory<Program> _host;

    private PagedHost(PostgresDatabase? database, DateOnly firstDay, bool freshness, IInterceptor? interceptor)
    {
        _database = database;
        _factory = new PipelineWebFactory { Settings = { ["Engine:WorkerCount"] = "0" } };
        if (database is not null) _factory.Settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        _host = _factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton(new PipelineCatalog([Paged(firstDay, freshness)]));
            if (interceptor is not null) s.AddSingleton(interceptor);
        }));
        Client = _host.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The PostgreSQL database's connection string, or null on SQLite.</summary>
    public string? PostgresConnectionString => _database?.ConnectionString;

    /// <param name="freshness">A deadline (6 h after each day) so that late days are counted too; every day without a
    /// success is then late, and the host records each one.</param>
    /// <param name="interceptor">An EF Core interceptor the run store's contexts are given (to record its statements).</param>
    public static async Task<PagedHost> StartAsync(bool postgres, DateOnly firstDay, bool freshness = false, IInterceptor? interceptor = null) =>
        new(postgres ? await PostgresDatabase.CreateAsync("paging") : null, firstDay, freshness, interceptor);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Two tasks and daily partitions.</summary>
    private static PipelineDefinition Paged(DateOnly firstDay, bool freshness)
    {
        var pipeline = new PipelineBuilder(Pipeline).PartitionedDaily(firstDay);
        if (freshness) pipeline.FreshBy(TimeSpan.FromHours(6));
        return pipeline.Task<PickGreeting>("extract").Task<GreetWorld>("load", after: ["extract"]).Build();
    }
}
