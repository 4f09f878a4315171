using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Alerts;
using Pipeline.Jobs.AirQuality;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Access;

/// <summary>Each change made from another machine is in the audit trail once, with who (the key) and from where.</summary>
[Collection(AccessCollection.Name)]
public sealed class AuditIdentityTests(AccessHost host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_change_is_recorded_once_with_the_key_and_the_callers_address()
    {
        var key = await host.CreateKeyAsync("deploy", "operator");
        var actor = $"api:key:deploy#{key.Split('_')[1]}";
        using var api = host.Remote(AccessHost.Bearer(key));

        // A run asked for twice with one Idempotency-Key is one change.
        var first = await PostAsync(api, "/api/pipelines/hello/runs", new { partition = "2024-05-01" }, "audit-once");
        var again = await PostAsync(api, "/api/pipelines/hello/runs", new { partition = "2024-05-01" }, "audit-once");
        Assert.Equal(first.GetProperty("runId").GetGuid(), again.GetProperty("runId").GetGuid());

        await PostAsync(api, "/api/pipelines/hello/pause", null);
        var waiting = (await PostAsync(api, "/api/pipelines/hello/runs", new { partition = "2024-05-02" })).GetProperty("runId").GetGuid();
        await PostAsync(api, $"/api/runs/{waiting}/start", null);
        await PostAsync(api, "/api/pipelines/hello/unpause", null);

        var backfill = (await PostAsync(api, "/api/pipelines/hello/backfills", new { from = "2024-06-01", to = "2024-06-02", maxConcurrentRuns = 1 }))
            .GetProperty("backfillId").GetGuid();
        await PostAsync(api, $"/api/backfills/{backfill}/cancel", null);
        await WaitForAsync(api, $"/api/backfills/{backfill}", b => b.GetProperty("backfill").GetProperty("state").GetString() == "Cancelled");
        await PostAsync(api, $"/api/backfills/{backfill}/retry-failed", null);

        var run = (await PostAsync(api, "/api/pipelines/hello/runs", new { partition = "2024-05-03", parameters = new { team = "absent" } }))
            .GetProperty("runId").GetGuid();
        await PostAsync(api, $"/api/runs/{run}/cancel", null);
        // Resuming needs the cancelled run's running task to have stopped, not only the run to say Cancelled (else 409, "try again").
        await WaitForAsync(api, $"/api/runs/{run}", r => r.GetProperty("run").GetProperty("state").GetString() == "Cancelled"
            && r.GetProperty("tasks").EnumerateArray().All(t => t.GetProperty("state").GetString() != "Running"));
        await PostAsync(api, $"/api/runs/{run}/resume", null);

        using var admin = host.Remote(AccessHost.Basic(AccessHost.BasicAdmin, AccessHost.BasicPassword));
        var made = await PostAsync(admin, "/api/api-keys", new { name = "audited", role = "viewer" });
        await PostAsync(admin, $"/api/api-keys/{made.GetProperty("apiKey").GetProperty("id").GetString()}/revoke", null);

        var trail = (await api.GetFromJsonAsync<JsonElement>("/api/audit?limit=500", Ct)).EnumerateArray().ToList();
        var mine = trail.Where(e => e.GetProperty("actor").GetString() == actor).Select(e => e.GetProperty("action").GetString()).Order().ToList();
        Assert.Equal(
            ["backfill.cancel", "backfill.create", "backfill.retry-failed", "pipeline.pause", "pipeline.unpause",
             "run.cancel", "run.resume", "run.start", "run.trigger", "run.trigger", "run.trigger"],
            mine);
        Assert.All(trail.Where(e => e.GetProperty("actor").GetString() == actor),
            e => Assert.Equal(host.RemoteIp.ToString(), e.GetProperty("address").GetString()));
        var keyChanges = trail.Where(e => e.GetProperty("actor").GetString() == $"api:{AccessHost.BasicAdmin}"
                                          && e.GetProperty("details").GetString()!.Contains("'audited'")).Select(e => e.GetProperty("action").GetString());
        Assert.Equal(["api-key.create", "api-key.revoke"], keyChanges.Order());
    }

    [Fact]
    public async Task Taking_alerts_off_the_queue_is_recorded_once_with_the_ids_taken_and_an_empty_take_is_not()
    {
        var queue = host.Services.GetRequiredService<IOptions<AirQualityOptions>>().Value.AlertQueue;
        string[] ids = [$"audit-{Guid.NewGuid():N}", $"audit-{Guid.NewGuid():N}"];
        await host.Services.GetRequiredService<IAlertQueue>().PublishAsync(queue,
            ids.Select(id => new AlertMessage(id, JsonSerializer.Serialize(new SensorAlert(id, "2024-01-01", "10:00", 12.5, null, ["co"]), JsonSerializerOptions.Web)))
                .ToList(), Ct);
        var key = await host.CreateKeyAsync("alert-reader", "operator:air-quality");
        using var api = host.Remote(AccessHost.Bearer(key));

        var taken = await api.GetFromJsonAsync<JsonElement>("/api/alerts?count=100", Ct);
        Assert.Equal(ids.Order(), taken.EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order());
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/alerts", Ct)).GetArrayLength());

        var entry = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/audit?pipeline=air-quality&limit=500", Ct)).EnumerateArray(),
            e => e.GetProperty("actor").GetString() == $"api:key:alert-reader#{key.Split('_')[1]}");
        Assert.Equal("alerts.take", entry.GetProperty("action").GetString());
        Assert.Equal(host.RemoteIp.ToString(), entry.GetProperty("address").GetString());
        Assert.All(ids, id => Assert.Contains(id, entry.GetProperty("details").GetString()));
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_forwarded_address_is_the_caller_and_a_forged_header_from_elsewhere_changes_nothing()
    {
        using var proxied = host.Local();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        // Through the proxy on this machine the caller is remote: no credentials, no entry.
        Assert.Equal(HttpStatusCode.Unauthorized, (await proxied.GetAsync("/api/pipelines", Ct)).StatusCode);

        var key = await host.CreateKeyAsync("behind-proxy", "operator");
        proxied.DefaultRequestHeaders.Authorization = AccessHost.Bearer(key);
        await PostAsync(proxied, "/api/pipelines/ingest/pause", null);
        await PostAsync(proxied, "/api/pipelines/ingest/unpause", null);
        var entry = (await proxied.GetFromJsonAsync<JsonElement>("/api/audit?pipeline=ingest", Ct)).EnumerateArray().First();
        Assert.Equal("203.0.113.9", entry.GetProperty("address").GetString());

        // A caller that is no known proxy cannot make itself local by saying so.
        using var forger = host.Remote();
        forger.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.GetAsync("/api/pipelines", Ct)).StatusCode);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> done) =>
        Eventually.ReturnsAsync(() => client.GetFromJsonAsync<JsonElement>(url, Ct), done, Deadline, url);
}
