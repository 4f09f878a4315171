using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Leases;
using Pipeline.Tests.Engine;

namespace Pipeline.Tests.Telemetry;

/// <summary>An attempt whose host is declared gone is counted with outcome "lost", by whichever host records it.</summary>
public sealed class LostAttemptMetricsTests(EmbeddedEngineFixture engine) : IClassFixture<EmbeddedEngineFixture>
{
    [Fact]
    public async Task An_attempt_lost_with_its_host_is_counted_as_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var attempts = new ConcurrentQueue<(string? Task, string? Outcome)>();
        var meters = engine.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        // Only this engine's meter: other hosts in the test process count their own attempts.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "pipeline.task.attempts") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var named = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (named.GetValueOrDefault("pipeline") == "blocking") attempts.Enqueue((named.GetValueOrDefault("task"), named.GetValueOrDefault("outcome")));
        });
        listener.Start();

        var id = await engine.Requests.TriggerAsync("blocking", null, null, "test", null, ct);
        await engine.Probe.StartedSignal(id).Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var hold = (await engine.Queries.GetAsync(id, ct))!.Tasks.Single(t => t.Task == "hold").Id;

        Assert.True(await engine.Services.GetRequiredService<AttemptRecovery>().LoseAsync(hold, "was declared gone by the test", jobsDiedWithHost: false, ct));

        // Recorded as the loss commits, on the host that recorded it (the job itself still holds on until the host stops).
        Assert.Contains(("hold", "lost"), attempts);
    }
}
