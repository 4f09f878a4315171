using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Streams;
using Pipeline.Connectors.Warehouse;
using Pipeline.Tests.Api;
using Pipeline.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Crypto;

/// <summary>
/// The crypto pipeline end to end, CoinGecko served by WireMock (the snapshots of <see cref="MarketSnapshots"/>):
/// on real services (the Kafka-protocol broker, the S3 server as the lake, PostgreSQL for the engine and the
/// warehouse) and in embedded mode (librdkafka's mock cluster in the host, a lake folder, SQLite). Topic,
/// consumer group and databases are the test's own.
/// </summary>
public abstract class CryptoPipelineTests : IAsyncLifetime
{
    private const int Window = 2;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WireMockServer _coinGecko = WireMockServer.Start();
    private readonly string _topic = TestServices.UniqueName("crypto");
    private readonly string _group = TestServices.UniqueName("crypto-group");
    private PostgresDatabase? _database;
    protected PipelineWebFactory _factory = null!;
    protected HttpClient _client = null!;

    protected abstract bool OnRealServices { get; }

    /// <summary>The CoinGecko answers, in order; the last one is repeated from then on.</summary>
    protected virtual int[] Answers => [0, 1, 2, 2];

    public async ValueTask InitializeAsync()
    {
        // Each call to /coins/markets answers the next snapshot of Answers.
        for (var i = 0; i < Answers.Length; i++)
        {
            var mapping = _coinGecko.Given(Request.Create().WithPath("/api/v3/coins/markets").WithParam("vs_currency", "usd").UsingGet())
                .InScenario("snapshots");
            if (i > 0) mapping = mapping.WhenStateIs($"call {i}");
            mapping.WillSetStateTo($"call {Math.Min(i + 1, Answers.Length - 1)}")
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                    .WithBody(MarketSnapshots.Answer(Answers[i])));
        }

        _factory = new PipelineWebFactory();
        if (OnRealServices)
        {
            _database = await PostgresDatabase.CreateAsync("crypto");
            _factory.Settings["ConnectionStrings:Postgres"] = _database.ConnectionString;
            _factory.Settings["Engine:QueuePollInterval"] = "00:00:00.050";
            _factory.Settings["Kafka:BootstrapServers"] = TestServices.Kafka;
            foreach (var (key, value) in S3Server.HostSettings()) _factory.Settings[key] = value;
        }
        _factory.Settings["Engine:RegisterSchedules"] = "false";
        _factory.Settings["Apis:CoinGecko:BaseAddress"] = _coinGecko.Url;
        _factory.Settings["Crypto:Topic"] = _topic;
        _factory.Settings["Crypto:ConsumerGroup"] = _group;
        _factory.Settings["Crypto:MovingAverageWindow"] = Window.ToString();
        _client = _factory.CreateClient();
    }

    [Fact]
    public virtual async Task Three_snapshots_through_Kafka_give_the_derived_fields_computed_by_hand_and_a_repeated_one_adds_no_rows()
    {
        for (var i = 0; i < 3; i++)
        {
            var run = await RunCryptoAsync();
            Assert.Equal((5, 2, 3), Processed(run));
            Assert.Equal(3, Output(run, "store").GetProperty("new").GetInt32());
        }

        var repeat = await RunCryptoAsync();
        Assert.Equal((5, 2, 0), Processed(repeat));
        Assert.Equal(0, Output(repeat, "store").GetProperty("new").GetInt32());

        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<WarehouseContext>>().CreateDbContextAsync(Ct))
            Assert.Equal(9, await db.CryptoSnapshots.CountAsync(Ct));

        foreach (var coin in new[] { "bitcoin", "ethereum", "dogecoin" })
        {
            var history = await _client.GetJsonAsync($"/api/crypto/{coin}/history");
            var stored = history.GetProperty("snapshots").EnumerateArray().ToList();
            var prices = MarketSnapshots.Prices.Select(s => s.Single(p => p.Coin == coin)).ToList();
            Assert.Equal(prices.Select(p => p.LastUpdated), stored.Select(s => s.GetProperty("lastUpdated").GetDateTimeOffset()));

            // Worked out here in double arithmetic from the snapshots' prices, independently of the pipeline.
            var p = prices.Select(x => (double)x.Value).ToArray();
            double? Field(int i, string name) =>
                stored[i].GetProperty(name).ValueKind == JsonValueKind.Null ? null : stored[i].GetProperty(name).GetDouble();
            Assert.Null(Field(0, "changeSincePrevious"));
            Close(p[1] - p[0], Field(1, "changeSincePrevious"));
            Close(p[2] - p[1], Field(2, "changeSincePrevious"));
            Close((p[1] - p[0]) / p[0] * 100, Field(1, "changeSincePreviousPercent"));
            Close((p[2] - p[1]) / p[1] * 100, Field(2, "changeSincePreviousPercent"));
            Close(p[0], Field(0, "movingAverage"));
            Close((p[0] + p[1]) / 2, Field(1, "movingAverage"));
            Close((p[1] + p[2]) / 2, Field(2, "movingAverage"));
        }

        // Every fetched document really went through the topic: 4 runs of 5 messages.
        using var audit = await _factory.Services.GetRequiredService<IStreams>().OpenReaderAsync(_topic, TestServices.UniqueName("audit"), Ct);
        Assert.Equal(20, audit.Backlog);
        // ... and the pipeline's group has committed all of them.
        using var pipelineGroup = await _factory.Services.GetRequiredService<IStreams>().OpenReaderAsync(_topic, _group, Ct);
        Assert.Equal(0, pipelineGroup.Backlog);
    }

    [Fact]
    public async Task Messages_a_failed_run_left_in_the_topic_are_processed_by_the_next_run_in_time_order()
    {
        // As if an earlier run had published snapshot 2 (2026) and died before consuming it.
        var leftover = JsonDocument.Parse(MarketSnapshots.Answer(1)).RootElement.EnumerateArray()
            .Select(c => new StreamMessage(c.GetProperty("id").GetString(), c.GetRawText())).ToList();
        var streams = _factory.Services.GetRequiredService<IStreams>();
        await streams.EnsureTopicAsync(_topic, 3, Ct);
        await streams.PublishAsync(_topic, leftover, Ct);

        var run = await RunCryptoAsync(); // fetches snapshot 1 (2023)

        Assert.Equal((10, 4, 6), Processed(run));
        var bitcoin = (await _client.GetJsonAsync("/api/crypto/bitcoin/history")).GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal([28261m, 63236m], bitcoin.Select(s => s.GetProperty("currentPrice").GetDecimal()));
        Assert.Equal(63236m - 28261m, bitcoin[1].GetProperty("changeSincePrevious").GetDecimal());
    }

    protected async Task<JsonElement> RunCryptoAsync()
    {
        using var response = await _client.PostAsync("/api/pipelines/crypto/runs", null, Ct);
        var runId = (await response.ReadAsync()).GetProperty("runId").GetGuid();
        var run = await Eventually.ReturnsAsync(() => _client.GetJsonAsync($"/api/runs/{runId}"),
            r => r.GetProperty("run").GetProperty("state").GetString() is "Succeeded" or "Failed" or "Cancelled",
            TimeSpan.FromSeconds(90), $"crypto run {runId} to end");
        Assert.True(run.GetProperty("run").GetProperty("state").GetString() == "Succeeded", run.ToString());
        return run;
    }

    protected static JsonElement Output(JsonElement run, string task) =>
        JsonDocument.Parse(run.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("task").GetString() == task)
            .GetProperty("output").GetString()!).RootElement;

    protected static (int Received, int Rejected, int Snapshots) Processed(JsonElement run)
    {
        var output = Output(run, "consume_and_process");
        return (output.GetProperty("received").GetInt32(), output.GetProperty("rejected").GetInt32(), output.GetProperty("snapshots").GetInt32());
    }

    protected static void Close(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        _coinGecko.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class CryptoPipelineOnRealServicesTests : CryptoPipelineTests
{
    protected override bool OnRealServices => true;
}

public sealed class CryptoPipelineEmbeddedTests : CryptoPipelineTests
{
    protected override bool OnRealServices => false;
}
