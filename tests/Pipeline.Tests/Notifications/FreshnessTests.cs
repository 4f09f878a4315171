using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Api;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// A daily pipeline in Paris whose day must have succeeded by 06:00 the next morning, watched on a fake clock:
/// what the API, the dashboard, the late gauge and the webhook say as the deadlines pass and a late day is run.
/// </summary>
public sealed class FreshnessTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly FakeClockHost _host = new();

    private FakeTimeProvider Clock => _host.FakeClock;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host.CreateClient().Dispose(); // starts the host
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Late_day_is_flagged_alerted_once_and_cleared_when_it_succeeds()
    {
        var client = _host.CreateClient();
        Assert.Equal([("2024-01-03", false), ("2024-01-02", false), ("2024-01-01", true)], await LateFlagsAsync(client));
        var first = await Eventually.ReturnsAsync(() => Task.FromResult(LatePosts()), p => p.Count > 0, Deadline, "the late alert of 1 January");
        Assert.Equal("2024-01-01", Assert.Single(first).GetProperty("partition").GetString());
        Assert.StartsWith(":hourglass: Partition 2024-01-01 of fresh is late: It should have succeeded by 2024-01-02 05:00 UTC.",
            first[0].GetProperty("text").GetString());
        Assert.Equal("1", await LateOnPipelinesPageAsync(client));
        await Eventually.ReturnsAsync(() => Task.FromResult(LateGauge()), g => g == 1, Deadline, "the late gauge at 1");

        // 06:30 in Paris: 2 January is late too; 1 January is not told again.
        Clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal([("2024-01-03", false), ("2024-01-02", true), ("2024-01-01", true)], await LateFlagsAsync(client));
        var both = await Eventually.ReturnsAsync(() => Task.FromResult(LatePosts()), p => p.Count > 1, Deadline, "the late alert of 2 January");
        Assert.Equal(["2024-01-01", "2024-01-02"], both.Select(p => p.GetProperty("partition").GetString()));
        await Eventually.ReturnsAsync(() => Task.FromResult(LateGauge()), g => g == 2, Deadline, "the late gauge at 2");

        // 1 January is run and succeeds: it is no longer late anywhere.
        var runId = await _host.Services.GetRequiredService<RunRequests>().TriggerAsync("fresh", "2024-01-01", null, "api", null, Ct);
        await _host.WaitForRunAsync(runId, r => r.GetProperty("run").GetProperty("state").GetString() == "Succeeded", "1 January's run");
        Assert.Equal([("2024-01-03", false), ("2024-01-02", true), ("2024-01-01", false)], await LateFlagsAsync(client));
        Assert.Equal("1", await LateOnPipelinesPageAsync(client));
        Clock.Advance(TimeSpan.FromMinutes(1)); // the next freshness check
        await Eventually.ReturnsAsync(() => Task.FromResult(LateGauge()), g => g == 1, Deadline, "the late gauge back at 1");
        Assert.Equal(2, LatePosts().Count);
    }

    private List<JsonElement> LatePosts() =>
        _host.PostedAbout("fresh").Where(b => b.GetProperty("event").GetString() == "partition_late").ToList();

    /// <summary>The pipelines page's Late cell of the pipeline.</summary>
    private static async Task<string> LateOnPipelinesPageAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/hangfire/pipelines", Ct);
        var row = page[page.IndexOf("data-pipeline=\"fresh\"", StringComparison.Ordinal)..];
        var cell = System.Text.RegularExpressions.Regex.Match(row, "js-late\">(?:<span[^>]*>)?([^<]*)<");
        return cell.Groups[1].Value;
    }

    private static async Task<List<(string Day, bool Late)>> LateFlagsAsync(HttpClient client)
    {
        var page = await client.GetJsonAsync("/api/pipelines/fresh/partitions");
        return page.GetProperty("items").EnumerateArray()
            .Select(p => (p.GetProperty("partition").GetString()!, p.GetProperty("late").GetBoolean())).ToList();
    }

    /// <summary>
    /// The gauge as this host's meter reports it. Read through a listener on this host's own meter, not /metrics: an
    /// OpenTelemetry provider sees every "Pipeline" meter in the process, and a parallel test's host disposing its
    /// meter ends the shared stream there.
    /// </summary>
    private long? LateGauge()
    {
        var factory = _host.Services.GetRequiredService<IMeterFactory>();
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "pipeline.partitions.late" && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "pipeline", Value: "fresh" }) value = measurement;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private sealed class FakeClockHost : NotificationHost
    {
        // 05:00 in Paris on 3 January: 1 January's deadline (06:00 Paris on the 2nd) has passed, 2 January's has not.
        public FakeTimeProvider FakeClock { get; } = new(new DateTimeOffset(2024, 1, 3, 4, 0, 0, TimeSpan.Zero));

        protected override TimeProvider? Clock => FakeClock;
    }
}
