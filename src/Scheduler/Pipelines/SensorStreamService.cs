using Pipeline.Jobs.AirQuality;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>Hosts the air-quality streaming consumer (AirQuality:Streaming) and restarts it after a failure.</summary>
public sealed class SensorStreamService(SensorStream stream, ILogger<SensorStreamService> logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Nothing is lost: what was not committed is read again, what was not stored is pending in the lake.
                logger.LogError(e, "The air-quality stream failed; restarting in {Delay}", RestartDelay);
                await Task.Delay(RestartDelay, stoppingToken);
            }
        }
    }
}
