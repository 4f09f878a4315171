using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Lake;
using Pipeline.Jobs;
using Pipeline.Jobs.AirQuality;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>The air-quality pipeline end to end on the real Kafka broker, Redis, RabbitMQ and S3 server.</summary>
public sealed class AirQualityPipelineTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_whole_dataset_reaches_the_cache_the_alert_queue_and_the_lake_once_each()
    {
        await using var host = new AirQualityHost();
        var facts = UciFacts.Bundled;

        var run = await host.FinishedRunAsync(await host.StartRunAsync(), RunDeadline);

        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(facts.Hours.Count, await host.Cache.CountKeysAsync(SensorCache.ReadingPrefix, ct));
        var alerts = await host.DrainAlertsAsync();
        Assert.Equal(facts.AlertIds.Order(), alerts.Select(a => a.Id).Order());
        var raw = await host.RawReadingIdsAsync();
        var processed = await host.ProcessedReadingIdsAsync();
        Assert.Equal(facts.Readings, raw.Count);
        Assert.Equal(raw.Order(), processed.Order());
        Assert.Equal("", await host.Lake.Bucket.ReadTextAsync(AirQualityLake.MalformedKey(BundledDataset.FileName), ct));
        Assert.True(await host.Lake.Bucket.ExistsAsync(AirQualityLake.SourceKey(BundledDataset.FileName), ct));

        var latest = await host.Cache.GetAsync(SensorCache.LatestKey, ct);
        Assert.Equal("2005-04-04T14:00", latest?.Fields?["id"]);
        var first = await host.Cache.GetAsync("sensor:2004-03-10:18:00", ct);
        Assert.Equal("2.6", first?.Fields?["co"]);
        Assert.Equal("113", first?.Fields?["no2"]);
    }

    [Fact]
    public async Task A_consumer_stopped_halfway_and_started_again_loses_and_duplicates_nothing()
    {
        await using var host = new AirQualityHost(batchSize: 1000);
        var facts = UciFacts.Bundled;
        var ct = TestContext.Current.CancellationToken;
        await RunJobAsync<LoadCsvToKafka>(host, ct);

        // Stop the consumer after its third batch is in the lake but before that batch is committed.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batchesWritten = 0;
        var progress = new SynchronousProgress(_ => { if (++batchesWritten == 3) stop.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunJobAsync<ConsumeFromKafka>(host, stop.Token, progress));
        Assert.Equal(3, (await host.RawReadingIdsAsync()).Count / 1000);

        var resumed = JsonDocument.Parse((await RunJobAsync<ConsumeFromKafka>(host, ct)).Output!).RootElement;
        await RunJobAsync<ProcessAndStore>(host, ct);
        await RunJobAsync<SendAlerts>(host, ct);

        Assert.Equal(facts.Readings - 2000, resumed.GetProperty("consumed").GetInt32());
        var raw = await host.RawReadingIdsAsync();
        Assert.Equal(facts.Readings, raw.Count);
        Assert.Equal(raw.Order(), (await host.ProcessedReadingIdsAsync()).Order());
        Assert.Equal(facts.Hours.Count, await host.Cache.CountKeysAsync(SensorCache.ReadingPrefix, ct));
        Assert.Equal(facts.AlertIds.Order(), (await host.DrainAlertsAsync()).Select(a => a.Id).Order());
    }

    [Fact]
    public async Task With_RabbitMQ_unreachable_send_alerts_retries_and_the_run_succeeds_with_every_alert()
    {
        var rabbit = new Uri(TestServices.RabbitMq);
        await using var gate = new TcpGate(rabbit.Host, rabbit.Port, open: false);
        await using var host = new AirQualityHost(rabbitMq: $"amqp://guest:guest@127.0.0.1:{gate.Port}/");
        var runId = await host.StartRunAsync();

        var failedOnce = await Eventually.ReturnsAsync(() => host.RunAsync(runId),
            run => AirQualityHost.Task(run, "send_alerts").GetProperty("error").ValueKind == JsonValueKind.String,
            RunDeadline, "send_alerts to fail while RabbitMQ is unreachable");
        Assert.Contains("unreachable", AirQualityHost.Task(failedOnce, "send_alerts").GetProperty("error").GetString());
        gate.Open();

        var run = await host.FinishedRunAsync(runId, RunDeadline);
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        Assert.True(AirQualityHost.Task(run, "send_alerts").GetProperty("attempts").GetInt32() >= 2);
        Assert.True(gate.Refused >= 1);
        Assert.Equal(UciFacts.Bundled.AlertIds.Order(), (await host.DrainAlertsAsync()).Select(a => a.Id).Order());
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_kept_aside_with_their_line_numbers_and_the_rest_goes_through()
    {
        await using var host = new AirQualityHost();
        var ct = TestContext.Current.CancellationToken;
        const string csv = """
            Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH;;
            10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;
            10/03/2004;19.00.00;12,5;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;
            31/02/2004;20.00.00;2,2;1402;88;9,0;939;131;1140;114;1555;1074;11,9;54,0;0,7502;;
            10/03/2004;21.00.00;lots;1376;80;9,2;948;172;1092;122;1584;1203;11,0;60,0;0,7867;;
            10/03/2004;22.00.00;1,6
            10/03/2004;23.00.00;-200;1272;51;6,5;836;131;1205;250;1490;1110;11,2;59,6;0,7888;;
            ;;;;;;;;;;;;;;;;
            """;
        await host.Lake.Bucket.PutTextAsync(AirQualityLake.SourceKey("original.csv"), csv, ct);

        var run = await host.FinishedRunAsync(await host.StartRunAsync(new() { ["source"] = "original.csv" }), RunDeadline);

        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        var load = JsonDocument.Parse(AirQualityHost.Task(run, "load_csv_to_kafka").GetProperty("output").GetString()!).RootElement;
        Assert.Equal(3, load.GetProperty("published").GetInt32());
        Assert.Equal(3, load.GetProperty("malformed").GetInt32());
        var rejects = (await host.Lake.Bucket.ReadTextAsync(AirQualityLake.MalformedKey("original.csv"), ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<MalformedLine>(line, JsonSerializerOptions.Web)!)
            .ToList();
        Assert.Equal([4L, 5L, 6L], rejects.Select(r => r.Line));
        Assert.StartsWith("31/02/2004", rejects[0].Text);
        Assert.Contains("CO(GT) 'lots'", rejects[1].Reason);
        Assert.Equal(3, await host.Cache.CountKeysAsync(SensorCache.ReadingPrefix, ct));
        var missing = await host.Cache.GetAsync("sensor:2004-03-10:23:00", ct);
        Assert.Equal("", missing?.Fields?["co"]);
        Assert.Equal(["2004-03-10T19:00", "2004-03-10T23:00"], (await host.DrainAlertsAsync()).Select(a => a.Id).Order());
    }

    [Fact]
    public async Task A_source_name_with_a_path_trick_is_refused_before_anything_is_read_or_published()
    {
        await using var host = new AirQualityHost();
        var ct = TestContext.Current.CancellationToken;

        var refused = await Assert.ThrowsAsync<InvalidLakeKeyException>(() =>
            RunJobAsync<LoadCsvToKafka>(host, ct, parameters: new() { ["source"] = "../../etc/passwd" }));

        Assert.Contains("..", refused.Message);
        await foreach (var _ in host.Lake.Bucket.ListAsync("", ct))
            Assert.Fail("the load wrote to the lake");
    }

    private static async Task<JobResult> RunJobAsync<TJob>(
        AirQualityHost host, CancellationToken ct, IProgress<double>? progress = null, Dictionary<string, string>? parameters = null)
        where TJob : IJob
    {
        using var scope = host.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<TJob>(scope.ServiceProvider);
        return await job.RunAsync(new JobContext
        {
            RunId = Guid.NewGuid(),
            Pipeline = "air-quality",
            Task = typeof(TJob).Name,
            Parameters = parameters ?? [],
            Attempt = 1,
            Logger = NullLogger.Instance,
            Progress = progress ?? new SynchronousProgress(_ => { }),
            CancellationToken = ct,
        });
    }

    /// <summary>Progress reported on the caller's thread, at the moment it is reported (Progress&lt;T&gt; posts it later).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
