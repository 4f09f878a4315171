using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Bench.Hosting;

namespace Pipeline.Bench.Scenarios;

/// <summary>
/// The baseline: <c>jobs</c> enqueues of a static no-op method through the host's IBackgroundJobClient,
/// on the engine's own storage and workers, timed from the first enqueue until the last job is Succeeded.
/// </summary>
public static class RawHangfireScenario
{
    public static async Task<RawHangfireMeasurement> RunAsync(EngineHost host, int jobs, TimeSpan timeout, CancellationToken ct)
    {
        var client = host.Services.GetRequiredService<IBackgroundJobClient>();
        using var counter = new SucceededCounter(jobs);

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < jobs; i++)
            client.Enqueue(() => NoopJobs.Noop());
        var enqueue = Stopwatch.GetElapsedTime(started);

        try
        {
            var finished = await counter.AllSucceeded.WaitAsync(timeout, ct);
            if (counter.Failed > 0) throw new InvalidOperationException($"{counter.Failed} no-op Hangfire jobs failed.");
            return new RawHangfireMeasurement(jobs, Stopwatch.GetElapsedTime(started, finished), enqueue);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {counter.Succeeded} of {jobs} jobs succeeded within {timeout} ({counter.Failed} failed).");
        }
    }
}
