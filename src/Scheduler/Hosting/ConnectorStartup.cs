using System.Diagnostics;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Streams;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Brings the connectors up as the host starts. It creates each one (an embedded Kafka cluster starts here) and says which
/// it is; then, in the background, it connects the Kafka producer, the cache, the alert broker and the lake, so the first
/// run after a start does not wait for connections (and their first-use code) on its way. The connecting never holds up
/// start-up and never fails it: a service that does not answer yet is only logged, and the first task connects itself.
/// </summary>
public sealed class ConnectorStartup(IStreams streams, ICache cache, IAlertQueue alerts, ILake lake, ILogger<ConnectorStartup> logger)
    : BackgroundService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Streams: {Streams}", streams.Describe());
        logger.LogInformation("Cache: {Cache}", cache.Describe());
        logger.LogInformation("Alerts: {Alerts}", alerts.Describe());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(
            ConnectAsync("Streams", streams.ConnectAsync, stoppingToken),
            ConnectAsync("Cache", cache.ConnectAsync, stoppingToken),
            ConnectAsync("Alerts", alerts.ConnectAsync, stoppingToken),
            ConnectAsync("Lake", lake.ProbeAsync, stoppingToken));
    }

    private async Task ConnectAsync(string connector, Func<CancellationToken, Task> connect, CancellationToken stoppingToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(Limit);
        var clock = Stopwatch.StartNew();
        try
        {
            await connect(limit.Token).WaitAsync(limit.Token);
            logger.LogDebug("{Connector} connected in the background in {Elapsed} ms", connector, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: nothing to connect any more.
        }
        catch (Exception e)
        {
            logger.LogWarning("{Connector} could not be connected in the background ({Error}); its first task connects it", connector, e.Message);
        }
    }
}
