using System.Diagnostics;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Streams;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Connects the Kafka producer, the cache, the alert broker and the lake in the background as the host starts, so
/// the first run after a start does not wait for connections (and their first-use code) on its way. It never holds up
/// start-up and never fails it: a service that does not answer yet is only logged, and the first task connects itself.
/// </summary>
public sealed class ConnectorWarmUp(IStreams streams, ICache cache, IAlertQueue alerts, ILake lake, ILogger<ConnectorWarmUp> logger)
    : BackgroundService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(
            WarmAsync("Streams", streams.ConnectAsync, stoppingToken),
            WarmAsync("Cache", cache.ConnectAsync, stoppingToken),
            WarmAsync("Alerts", alerts.ConnectAsync, stoppingToken),
            WarmAsync("Lake", lake.ProbeAsync, stoppingToken));
    }

    private async Task WarmAsync(string connector, Func<CancellationToken, Task> connect, CancellationToken stoppingToken)
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
            // The host is stopping: nothing to warm any more.
        }
        catch (Exception e)
        {
            logger.LogWarning("{Connector} could not be connected in the background ({Error}); its first task connects it", connector, e.Message);
        }
    }
}
