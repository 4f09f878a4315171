using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Streams;

namespace Pipeline.Scheduler.Hosting;

/// <summary>Creates every connector as the host starts (an embedded Kafka cluster starts here) and says which each one is.</summary>
public sealed class ConnectorStartup(IServiceProvider services, ILogger<ConnectorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Streams: {Streams}", services.GetRequiredService<IStreams>().Describe());
        logger.LogInformation("Cache: {Cache}", services.GetRequiredService<ICache>().Describe());
        logger.LogInformation("Alerts: {Alerts}", services.GetRequiredService<IAlertQueue>().Describe());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
