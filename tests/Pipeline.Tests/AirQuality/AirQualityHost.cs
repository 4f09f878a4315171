using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>
/// The host with the air-quality pipeline on the real services of scripts/services.sh (Kafka broker, Redis,
/// RabbitMQ, S3), each under names of this test's own: topic, consumer group, key prefix, queue and bucket.
/// </summary>
public sealed class AirQualityHost : PipelineWebFactory
{
    public AirQualityHost(string? rabbitMq = null, int batchSize = 5000)
    {
        var name = Guid.NewGuid().ToString("N")[..12];
        Bucket = $"air-quality-{name}";
        Queue = $"sensor_alert-{name}";
        Settings["Kafka:BootstrapServers"] = TestServices.Kafka;
        Settings["Kafka:SessionTimeout"] = "00:00:02";
        Settings["ConnectionStrings:Redis"] = TestServices.Redis;
        Settings["Cache:KeyPrefix"] = $"test-{name}:";
        Settings["ConnectionStrings:RabbitMq"] = rabbitMq ?? TestServices.RabbitMq;
        foreach (var (key, value) in S3Server.HostSettings()) Settings[key] = value;
        Settings["AirQuality:Bucket"] = Bucket;
        Settings["AirQuality:Topic"] = $"sensor_raw-{name}";
        Settings["AirQuality:ConsumerGroup"] = $"air-quality-{name}";
        Settings["AirQuality:AlertQueue"] = Queue;
        Settings["AirQuality:BatchSize"] = batchSize.ToString();
    }

    public string Bucket { get; }

    public string Queue { get; }

    public ICache Cache => Services.GetRequiredService<ICache>();

    public IAlertQueue Alerts => Services.GetRequiredService<IAlertQueue>();

    public AirQualityLake Lake => Services.GetRequiredService<AirQualityLake>();

    public async Task<Guid> StartRunAsync(Dictionary<string, string>? parameters = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/pipelines/air-quality/runs", new { parameters = parameters ?? [] }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("runId").GetGuid();
    }

    /// <summary>The run as GET /api/runs/{id} shows it.</summary>
    public async Task<JsonElement> RunAsync(Guid runId)
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> FinishedRunAsync(Guid runId, TimeSpan deadline) =>
        await Eventually.ReturnsAsync(() => RunAsync(runId),
            run => run.GetProperty("run").GetProperty("state").GetString() is "Succeeded" or "Failed" or "Cancelled",
            deadline, $"run {runId} to finish");

    public static JsonElement Task(JsonElement run, string name) =>
        run.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("task").GetString() == name);

    /// <summary>Rows of every object under a prefix of the bucket: lines of raw JSONL, rows of processed Parquet.</summary>
    public async Task<List<string>> RawReadingIdsAsync()
    {
        var ids = new List<string>();
        var ct = TestContext.Current.CancellationToken;
        await foreach (var item in Lake.Bucket.ListAsync(AirQualityLake.RawPrefix, ct))
        {
            var name = item.Key[AirQualityLake.RawPrefix.Length..^".jsonl".Length];
            ids.AddRange((await Lake.ReadRawAsync(name, ct)).Select(r => r.Id));
        }
        return ids;
    }

    public async Task<List<string>> ProcessedReadingIdsAsync()
    {
        var ids = new List<string>();
        var ct = TestContext.Current.CancellationToken;
        await foreach (var item in Lake.Bucket.ListAsync(AirQualityLake.ProcessedPrefix, ct))
            ids.AddRange((await Lake.ReadProcessedAsync(item.Key, ct)).Select(r => r.Id));
        return ids;
    }

    /// <summary>Everything on the alert queue, taken off as a plain queue reader (no de-duplication).</summary>
    public async Task<List<AlertMessage>> DrainAlertsAsync() =>
        (await Alerts.TakeAsync(Queue, 100_000, TestContext.Current.CancellationToken)).ToList();

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await S3Server.DropBucketAsync(Bucket);
            await Alerts.TakeAsync(Queue, 100_000, CancellationToken.None);
        }
        finally
        {
            await base.DisposeAsync();
        }
    }
}
