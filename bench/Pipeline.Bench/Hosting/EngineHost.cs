using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Bench.Pipelines;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Bench.Hosting;

/// <summary>
/// A running engine (Hangfire server plus run store) on fresh storage, built the way the scheduler
/// builds it (AddPipelineEngine), without the web layer. Logs are kept to warnings and errors.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<EngineHost> StartAsync(FreshStorage storage, EngineSettings settings, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = storage.ContentRoot,
            EnvironmentName = "Bench",
        });
        builder.Configuration.AddInMemoryCollection(Settings(storage, settings));
        builder.Services.AddSingleton(new PipelineCatalog(BenchPipelines.All(settings.MaxConcurrentRuns)));
        builder.Services.AddPipelineEngine(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(ct);
        return new EngineHost(host);
    }

    /// <summary>
    /// The engine with the shipped pipelines as a web host on a loopback port that serves the source API,
    /// built as the CLI builds its host, so wind-etl's extract reads its source over HTTP as in production.
    /// </summary>
    public static async Task<EngineHost> StartWithSourceApiAsync(
        FreshStorage storage, EngineSettings settings, IReadOnlyDictionary<string, string?> pipelineSettings, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = storage.ContentRoot,
            EnvironmentName = "Bench",
        });
        builder.Configuration.AddInMemoryCollection(Settings(storage, settings));
        builder.Configuration.AddInMemoryCollection(pipelineSettings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPipelineEngine(builder.Configuration);
        var app = builder.Build();
        app.MapSourceApi();
        await app.StartAsync(ct);
        return new EngineHost(app);
    }

    private static Dictionary<string, string?> Settings(FreshStorage storage, EngineSettings settings) => new()
    {
        ["ConnectionStrings:Postgres"] = storage.PostgresConnectionString,
        ["Engine:DataDirectory"] = storage.DataDirectory,
        ["Engine:WorkerCount"] = settings.Workers.ToString(CultureInfo.InvariantCulture),
        ["Engine:QueuePollInterval"] = settings.QueuePollInterval.ToString("c"),
        ["Engine:SchedulePollingInterval"] = settings.SchedulePollingInterval.ToString("c"),
        ["Engine:LongPolling"] = settings.LongPolling ? "true" : "false",
        ["Engine:RunReadyTasksInline"] = settings.RunReadyTasksInline ? "true" : "false",
        ["Engine:RegisterSchedules"] = "false",
        // The scaling scenario backfills 10,000 days in one request; the shipped limit (3,660) bounds what users ask for.
        ["Engine:MaxBackfillDays"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Hangfire"] = "Error",
        ["Logging:LogLevel:Pipeline.Tasks"] = "None",
        // EF logs the expected miss on a fresh database's migration history as an error; real
        // failures still surface as exceptions.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
