using System.Net;
using System.Net.Http.Json;

namespace Pipeline.Tests.Access;

/// <summary>The ingest endpoints answer 429 with Retry-After past the configured rate, per caller.</summary>
[Collection(AccessCollection.Name)]
public sealed class RateLimitTests(AccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Past_the_limit_a_sender_gets_429_with_retry_after_while_another_sender_is_still_served()
    {
        using var sender = host.Remote(AccessHost.Bearer(await host.CreateKeyAsync("sensor-gateway", "operator:ingest")));
        for (var i = 0; i < AccessHost.IngestPermits; i++)
        {
            // A payload without its date is refused after the limiter has counted it.
            using var counted = await sender.PostAsJsonAsync("/data", new { dados = i }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, counted.StatusCode);
        }

        using var limited = await sender.PostAsJsonAsync("/data", new { dados = 99 }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        using var other = host.Remote(AccessHost.Bearer(await host.CreateKeyAsync("other-gateway", "operator:ingest")));
        using var served = await other.PostAsJsonAsync("/data", new { dados = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, served.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        using var admin = host.Remote(AccessHost.Basic(AccessHost.BasicAdmin, AccessHost.BasicPassword));
        using var response = await admin.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = new string('x', 100_000) }, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
