namespace Pipeline.Tests.Access;

/// <summary>
/// Access:Hsts: Strict-Transport-Security on answers to HTTPS requests (here: through the known proxy, which says so
/// in X-Forwarded-Proto), never on plain HTTP, never in Development, and not at all unless asked for.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class HstsTests(AccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_the_header_goes_with_answers_to_https_requests_only()
    {
        using var proxy = host.Local();
        Assert.Equal("max-age=31536000", await HeaderAsync(proxy, proto: "https"));
        Assert.Null(await HeaderAsync(proxy, proto: null));
    }

    [Theory]
    [InlineData("Testing", null)]
    [InlineData("Development", "true")]
    public async Task Unset_or_in_development_there_is_no_header(string environment, string? hsts)
    {
        await using var other = new AccessHost { EnvironmentName = environment, Overrides = new Dictionary<string, string?> { ["Access:Hsts"] = hsts } };
        await other.InitializeAsync();
        using var proxy = other.Local();
        Assert.Null(await HeaderAsync(proxy, proto: "https"));
    }

    /// <summary>A request for this host by its public name, as the proxy on this machine forwards it.</summary>
    private static async Task<string?> HeaderAsync(HttpClient proxy, string? proto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "pipeline.example.com";
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        using var response = await proxy.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET /health/live answered {(int)response.StatusCode}");
        return response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? string.Join(", ", values) : null;
    }
}
