using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Tests.Engine.Controls;

/// <summary>One engine host on a given store, with the test pipelines: for tests that restart hosts or run two on one store.</summary>
public static class EngineHost
{
    public static async Task<IHost> StartAsync(string? postgres, string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["Engine:DataDirectory"] = dataDirectory,
            ["Engine:WorkerCount"] = "4",
            ["Engine:QueuePollInterval"] = "00:00:00.050",
            ["Engine:SchedulePollingInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
            ["Logging:LogLevel:Hangfire"] = "Error",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new PipelineCatalog(TestPipelines.All()));
        builder.Services.AddSingleton<TestProbe>();
        builder.Services.AddPipelineEngine(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    public static async Task ShutDownAsync(this IHost host)
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }
}
