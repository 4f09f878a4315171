using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Apis.CoinGecko;
using Pipeline.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Apis;

public sealed class CoinGeckoClientTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    [Fact]
    public async Task The_markets_are_asked_for_in_usd_and_returned_as_coingecko_wrote_them()
    {
        var recorded = RecordedData.Read("coingecko/markets-bitcoin-2026-07-28.json");
        _server.Given(Request.Create().WithPath("/api/v3/coins/markets").WithParam("vs_currency", "usd").WithParam("per_page", "100")
                .WithParam("page", "1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(recorded));
        await using var services = ApiClientHost.Create(_server.Url!);

        var markets = await services.GetRequiredService<ICoinGeckoApi>().GetMarketsAsync("usd", 100, 1, Ct);

        var bitcoin = Assert.Single(markets.EnumerateArray());
        Assert.Equal("bitcoin", bitcoin.GetProperty("id").GetString());
        Assert.Equal(63236, bitcoin.GetProperty("current_price").GetDecimal());
        Assert.Equal("2026-07-28T03:36:30.000Z", bitcoin.GetProperty("last_updated").GetString());
    }

    [Fact]
    public async Task A_429_rate_limit_is_waited_out_for_as_long_as_Retry_After_says()
    {
        var recorded = RecordedData.Read("coingecko/markets-bitcoin-2023-03-31.json");
        _server.Given(Request.Create().WithPath("/api/v3/coins/markets").UsingGet()).InScenario("rate limit").WillSetStateTo("limited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2")
                .WithBody("""{"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit."}}"""));
        _server.Given(Request.Create().WithPath("/api/v3/coins/markets").UsingGet()).InScenario("rate limit").WhenStateIs("limited")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(recorded));
        await using var services = ApiClientHost.Create(_server.Url!);

        var markets = await services.GetRequiredService<ICoinGeckoApi>().GetMarketsAsync("usd", 100, 1, Ct);

        Assert.Equal(JsonValueKind.Array, markets.ValueKind);
        var calls = _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).ToList();
        Assert.Equal(2, calls.Count);
        // RetryDelay is 50 ms here: only Retry-After explains a pause of two seconds.
        Assert.True(calls[1].RequestMessage.DateTime - calls[0].RequestMessage.DateTime >= TimeSpan.FromSeconds(1.9),
            $"retried after {(calls[1].RequestMessage.DateTime - calls[0].RequestMessage.DateTime).TotalSeconds:0.00} s");
    }

    public void Dispose() => _server.Dispose();
}
