using System.Diagnostics;
using Microsoft.Extensions.Options;
using Pipeline.Jobs;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Right after the host starts, runs the engine's and the pipelines' first-use code once in the background
/// (<see cref="RunStoreWarmUp"/>, <see cref="EngineWarmUp"/> and every registered <see cref="IWarmUp"/>), so the first run on a freshly started host
/// does not compile it on its way. It never holds up start-up and never fails it: a warm-up that throws is logged and
/// the first run compiles what is left. <see cref="Completion"/> ends when it is done (the bench waits for it).
/// </summary>
public sealed class StartupWarmUp(
    RunStoreWarmUp store, EngineWarmUp engine, IEnumerable<IWarmUp> pipelines, IOptions<StartupWarmUpOptions> options, ILogger<StartupWarmUp> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends (never faults) when every warm-up has run, failed or been stopped.</summary>
    public Task Completion => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        try
        {
            if (!options.Value.Enabled) return;
            await WarmAsync("Run store", store.WarmUpAsync, stoppingToken);
            await WarmAsync("Engine", engine.WarmUpAsync, stoppingToken);
            foreach (var pipeline in pipelines)
                await WarmAsync(pipeline.GetType().Name, pipeline.WarmUpAsync, stoppingToken);
            logger.LogInformation("Warmed up in {Elapsed} ms", clock.ElapsedMilliseconds);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task WarmAsync(string part, Func<CancellationToken, Task> warm, CancellationToken stoppingToken)
    {
        try
        {
            await warm(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: nothing to warm any more.
        }
        catch (Exception e)
        {
            logger.LogWarning("{Part} could not be warmed up ({Error}); its first use compiles it", part, e.Message);
        }
    }
}
