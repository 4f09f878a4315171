using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.Jobs.AirQuality;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>The streaming mode on the real services: the DAG only publishes and the host's consumer does the rest.</summary>
public sealed class AirQualityStreamingTests
{
    [Fact]
    public async Task With_streaming_on_the_DAG_only_publishes_and_the_stream_stores_and_alerts_each_reading_once()
    {
        await using var host = new AirQualityHost();
        host.Settings["AirQuality:Streaming"] = "true";
        var ct = TestContext.Current.CancellationToken;
        var facts = UciFacts.Bundled;
        using var client = host.CreateClient();

        var pipeline = await client.GetFromJsonAsync<JsonElement>("/api/pipelines/air-quality", ct);
        var run = await host.FinishedRunAsync(await host.StartRunAsync(), TimeSpan.FromSeconds(60));

        Assert.Equal(["load_csv_to_kafka"], pipeline.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        await Eventually.ReturnsAsync(() => host.Cache.CountKeysAsync(SensorCache.ReadingPrefix, ct),
            count => count == facts.Hours.Count, TimeSpan.FromSeconds(60), "the stream to cache every reading");
        await Eventually.ReturnsAsync(() => host.Alerts.CountAsync(host.Queue, ct),
            count => count == facts.AlertIds.Count, TimeSpan.FromSeconds(60), "the stream to send every alert");
        Assert.Equal(facts.AlertIds.Order(), (await host.DrainAlertsAsync()).Select(a => a.Id).Order());
        await Eventually.ReturnsAsync(async () => (await host.ProcessedReadingIdsAsync()).Count,
            count => count == facts.Readings, TimeSpan.FromSeconds(30), "the processed files");
        Assert.Equal(facts.Readings, (await host.RawReadingIdsAsync()).Count);
    }
}
