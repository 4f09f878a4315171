using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Warehouse;
using Pipeline.Jobs.Crypto;
using Pipeline.Tests.Api;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Crypto;

/// <summary>GET /api/crypto/{coin}/history on a host whose warehouse is a PostgreSQL database of its own.</summary>
public sealed class CryptoHistoryApiTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PostgresDatabase _database = null!;
    private PipelineWebFactory _factory = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("cryptoapi");
        _factory = new PipelineWebFactory();
        _factory.Settings["ConnectionStrings:Warehouse"] = _database.ConnectionString;
        _client = _factory.CreateClient();

        var processor = _factory.Services.GetRequiredService<MarketBatchProcessor>();
        var store = _factory.Services.GetRequiredService<CryptoSnapshotStore>();
        for (var i = 0; i < 3; i++)
        {
            var documents = JsonDocument.Parse(MarketSnapshots.Answer(i)).RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
            var batch = await processor.ProcessAsync(documents, Guid.NewGuid(), NullLogger.Instance, Ct);
            await store.StoreAsync(batch.Snapshots, Ct);
        }
    }

    [Fact]
    public async Task A_coins_snapshots_come_oldest_first_within_from_and_to()
    {
        var all = await _client.GetJsonAsync("/api/crypto/bitcoin/history");
        Assert.Equal("bitcoin", all.GetProperty("coin").GetString());
        var snapshots = all.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal([28261m, 63236m, 63410.5m], snapshots.Select(s => s.GetProperty("currentPrice").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, snapshots[0].GetProperty("changeSincePrevious").ValueKind);
        Assert.Equal(63236m - 28261m, snapshots[1].GetProperty("changeSincePrevious").GetDecimal());
        Assert.Equal("Bitcoin", snapshots[1].GetProperty("raw").GetProperty("name").GetString());

        var july = await _client.GetJsonAsync("/api/crypto/BITCOIN/history?from=2026-07-28T00:00:00Z&to=2026-07-28T03:40:00Z");
        var only = Assert.Single(july.GetProperty("snapshots").EnumerateArray());
        Assert.Equal(DateTimeOffset.Parse("2026-07-28T03:36:30Z"), only.GetProperty("lastUpdated").GetDateTimeOffset());

        var none = await _client.GetJsonAsync("/api/crypto/bitcoin/history?from=2030-01-01");
        Assert.Empty(none.GetProperty("snapshots").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_coin_is_a_404()
    {
        using var response = await _client.GetAsync("/api/crypto/ghostcoin/history", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ghostcoin", (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/crypto/bitcoin/history?from=yesterday", "from")]
    [InlineData("/api/crypto/bitcoin/history?to=2026-13-45", "to")]
    [InlineData("/api/crypto/bitcoin/history?from=2026-07-29&to=2026-07-28", "to")]
    [InlineData("/api/crypto/bitcoin/history?limit=0", "limit")]
    public async Task Bad_bounds_are_a_400_naming_the_field(string url, string field)
    {
        using var response = await _client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
