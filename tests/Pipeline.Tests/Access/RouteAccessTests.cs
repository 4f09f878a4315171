using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Access;

namespace Pipeline.Tests.Access;

/// <summary>
/// Over the host's own route table: every endpoint is in <see cref="RouteAccessTable"/>, and each kind of caller, each
/// signed in another way, can do exactly what its role allows, from another machine and from this one.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class RouteAccessTests(AccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Caller(string Name, RoleGrant? Role, Func<HttpClient> Client);

    [Fact]
    public void Every_endpoint_in_the_route_table_has_an_entry_in_the_access_table()
    {
        var actual = Endpoints().Select(e => $"{e.Method} {e.Pattern}").Order().ToList();
        var expected = RouteAccessTable.Routes.Select(r => $"{r.Method} {r.Pattern}").Order().ToList();

        var missing = actual.Except(expected).ToList();
        var gone = expected.Except(actual).ToList();
        Assert.True(missing.Count == 0 && gone.Count == 0,
            $"Endpoints without an entry (say who may call them): {string.Join(", ", missing)}; entries without an endpoint: {string.Join(", ", gone)}");
    }

    [Fact]
    public void Every_endpoint_that_changes_something_needs_an_operator_or_more_and_every_one_limits_its_body()
    {
        foreach (var (method, pattern, endpoint) in Endpoints())
        {
            var entry = RouteAccessTable.Routes.Single(r => r.Method == method && r.Pattern == pattern);
            if (method != "GET")
                Assert.True(entry.Level >= AccessLevel.Operator, $"{method} {pattern} changes something: it needs an operator or an admin.");
            Assert.True(endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize is > 0,
                $"{method} {pattern} has no body limit.");
        }
    }

    [Fact]
    public async Task Each_caller_can_do_exactly_what_its_role_allows_on_every_endpoint()
    {
        var operatorKey = await host.CreateKeyAsync("table-operator", "operator");
        Caller[] callers =
        [
            new("anonymous, remote", null, () => host.Remote()),
            new("viewer by JWT", RoleGrant.Viewer, () => host.Remote(AccessHost.Bearer(host.Issuer.Token("vera", ["viewer"])))),
            new("operator of hello by JWT", new RoleGrant(AccessLevel.Operator, "hello"),
                () => host.Remote(AccessHost.Bearer(host.Issuer.Token("otto", ["operator:hello"])))),
            new("operator by API key", RoleGrant.Operator, () => host.Remote(AccessHost.Bearer(operatorKey))),
            new("admin by Basic", RoleGrant.Admin, () => host.Remote(AccessHost.Basic(AccessHost.BasicAdmin, AccessHost.BasicPassword))),
            new("local, no credentials", RoleGrant.Admin, host.Local),
        ];

        var wrong = new List<string>();
        foreach (var caller in callers)
        {
            using var client = caller.Client();
            foreach (var (method, pattern, endpoint) in Endpoints())
            {
                var route = RouteAccessTable.Routes.Single(r => r.Method == method && r.Pattern == pattern);
                var allowed = route.Level is not { } level || (caller.Role is { } role && role.Allows(level, TargetPipeline(endpoint)));
                using var request = new HttpRequestMessage(new HttpMethod(method), RouteAccessTable.Url(pattern, Guid.NewGuid()));
                if (route.Body is not null) request.Content = new StringContent(route.Body, System.Text.Encoding.UTF8, "application/json");
                else if (method == "POST") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request, Ct);

                var status = (int)response.StatusCode;
                var expected = allowed ? "allowed" : caller.Role is null ? "401" : "403";
                var ok = allowed ? status is not (401 or 403) : status == (caller.Role is null ? 401 : 403);
                if (!ok) wrong.Add($"{caller.Name}: {method} {request.RequestUri} answered {status}, expected {expected}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_remote_caller_without_credentials_gets_401_on_every_read_and_a_challenge_naming_the_schemes()
    {
        using var client = host.Remote();
        foreach (var route in RouteAccessTable.Routes.Where(r => r is { Method: "GET", Level: not null }))
        {
            using var response = await client.GetAsync(RouteAccessTable.Url(route.Pattern, Guid.NewGuid()), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {route.Pattern} answered {(int)response.StatusCode}");
            Assert.Equal(["Basic", "Bearer"], response.Headers.WwwAuthenticate.Select(h => h.Scheme).Order());
        }
    }

    /// <summary>Which pipeline an endpoint acts on with the table's sample values; null when none is known.</summary>
    private static string? TargetPipeline(Endpoint endpoint) => endpoint.Metadata.GetMetadata<PipelineTarget>() switch
    {
        PipelineTarget.Fixed(var pipeline) => pipeline,
        PipelineTarget.FromRoute => "hello",
        _ => null,
    };

    /// <summary>The route table as the app built it: each endpoint once per HTTP method it answers (GET when it names none).</summary>
    private IEnumerable<(string Method, string Pattern, Endpoint Endpoint)> Endpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != "HEAD" && m != "OPTIONS")
                .Select(m => (m, e.RoutePattern.RawText ?? "", (Endpoint)e)));
}
