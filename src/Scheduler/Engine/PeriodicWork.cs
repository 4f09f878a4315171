namespace Pipeline.Scheduler.Engine;

/// <summary>
/// A background service that does one piece of work every interval, for the life of the host. A tick that fails is
/// logged and the next one tries again: a store away for a moment must not stop the host's housekeeping for good.
/// </summary>
public abstract class PeriodicWork(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract Task TickAsync(CancellationToken ct);

    /// <summary>What a failed tick was about, for its log line.</summary>
    protected abstract string Activity { get; }

    /// <summary>Whether the first tick comes at start rather than one interval later.</summary>
    protected virtual bool TickAtStart => false;

    /// <summary>Called after a tick failed, before the next one.</summary>
    protected virtual void OnFailed()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        try
        {
            var first = TickAtStart;
            while (first || await timer.WaitForNextTickAsync(stoppingToken))
            {
                first = false;
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    OnFailed();
                    logger.LogWarning(ex, "Could not {Activity}; will try again", Activity);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
