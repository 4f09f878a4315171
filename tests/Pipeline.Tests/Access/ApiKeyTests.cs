using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Scheduler.Cli;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Access;

/// <summary>API keys as an admin makes them (API, CLI) and as a machine uses them: refused once revoked or expired.</summary>
[Collection(AccessCollection.Name)]
public sealed class ApiKeyTests(AccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_made_through_the_api_works_until_it_is_revoked_and_is_stored_only_as_a_hash()
    {
        using var admin = host.Remote(AccessHost.Basic(AccessHost.BasicAdmin, AccessHost.BasicPassword));
        using var created = await admin.PostAsJsonAsync("/api/api-keys", new { name = "ci-reader", role = "viewer" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("apiKey").GetProperty("id").GetString()!;
        Assert.StartsWith($"pipe_{id}_", key);

        using var machine = host.Remote(AccessHost.Bearer(key));
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/runs", Ct)).StatusCode);
        using var viaHeader = host.Remote();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await viaHeader.GetAsync("/api/runs", Ct)).StatusCode);
        // A viewer's key reads, and changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.PostAsync("/api/pipelines/hello/pause", null, Ct)).StatusCode);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/api-keys", Ct);
        var row = listed.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal("active", row.GetProperty("state").GetString());
        // The secret is base64url and may hold '_' itself: it is everything after the id.
        Assert.DoesNotContain(key[$"pipe_{id}_".Length..], listed.GetRawText());

        using var revoked = await admin.PostAsync($"/api/api-keys/{id}/revoke", null, Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var refused = await machine.GetAsync("/api/runs", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_expired_key_is_refused_and_a_made_up_one_too()
    {
        // A host of its own on a clock the test moves: on the wall clock, a key's short life had to outlast its creation
        // and the first request, which a loaded machine could stretch past it.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var own = new AccessHost { Clock = clock };
        await own.InitializeAsync();
        var key = await own.CreateKeyAsync("short-lived", "viewer", clock.GetUtcNow().UtcDateTime.AddMinutes(1));
        using var machine = own.Remote(AccessHost.Bearer(key));
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/pipelines", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/pipelines", Ct)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/pipelines", Ct)).StatusCode);

        var forged = key[..^4] + "AAAA";
        using var forger = own.Remote(AccessHost.Bearer(forged));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.GetAsync("/api/pipelines", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_cli_makes_lists_and_revokes_keys_on_a_server_with_an_admin_key_and_is_refused_without_one()
    {
        var adminKey = await host.CreateKeyAsync("cli-admin", "admin");
        var server = host.RemoteAddress.ToString();

        var created = await CliAsync("api-keys", "create", "nightly-loader", "--role", "operator:ingest", "--expires", "2099-01-01",
            "--server", server, "--api-key", adminKey);
        Assert.Equal(CliApp.Ok, created.Exit);
        var newKey = created.Output.Split('\n').Single(l => l.StartsWith("pipe_", StringComparison.Ordinal)).Trim();
        var id = newKey.Split('_')[1];

        var listed = await CliAsync("api-keys", "list", "--server", server, "--api-key", adminKey);
        Assert.Contains(listed.Output.Split('\n'), l => l.StartsWith(id) && l.Contains("operator:ingest") && l.Contains("active"));

        var revoked = await CliAsync("api-keys", "revoke", id, "--server", server, "--api-key", adminKey);
        Assert.Equal($"Key {id} (nightly-loader) is revoked.", revoked.Output.Trim());

        var refused = await CliAsync("api-keys", "list", "--server", server);
        Assert.Equal(CliApp.Unavailable, refused.Exit);
        Assert.Contains("The server wants credentials", refused.Error);
        var operatorKey = await host.CreateKeyAsync("cli-operator", "operator");
        var forbidden = await CliAsync("api-keys", "list", "--server", server, "--api-key", operatorKey);
        Assert.Equal(CliApp.Unavailable, forbidden.Exit);
        Assert.Contains("do not allow it", forbidden.Error);
    }

    private static async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, configure: null);
        return (exit, output.ToString(), error.ToString());
    }
}
