using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

/// <summary>Pause, backfills as objects, clear and the audit trail through the REST API, as a client sees them.</summary>
public sealed class OperatorControlsApiTests(ControlsApiFactory factory) : IClassFixture<ControlsApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_paused_pipeline_says_so_its_triggered_run_waits_and_can_be_started_by_hand()
    {
        await using (await PausedPipeline.PauseAsync(_client, "hello"))
        {
            Assert.True((await _client.GetJsonAsync("/api/pipelines/hello")).GetProperty("paused").GetBoolean());
            Assert.Contains((await _client.GetJsonAsync("/api/pipelines")).EnumerateArray(),
                p => p.GetProperty("name").GetString() == "hello" && p.GetProperty("paused").GetBoolean());

            using var created = await _client.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = "2024-02-01" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            var body = await created.ReadAsync();
            Assert.True(body.GetProperty("paused").GetBoolean());
            var runId = body.GetProperty("runId").GetGuid();
            Assert.Equal("Queued", (await _client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("run").GetProperty("state").GetString());

            using var start = await _client.PostAsync($"/api/runs/{runId}/start", null, Ct);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            await Eventually.ReturnsAsync(() => _client.GetJsonAsync($"/api/runs/{runId}"),
                r => r.GetProperty("run").GetProperty("state").GetString() == "Succeeded", TimeSpan.FromSeconds(60), "the run started by hand");
            var audit = await _client.GetJsonAsync($"/api/runs/{runId}/audit");
            // Newest first: started by hand, after it was asked for.
            Assert.Equal(["run.start", "run.trigger"], audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
            Assert.All(audit.EnumerateArray(), entry => Assert.Equal("api:127.0.0.1", entry.GetProperty("actor").GetString()));
        }
        Assert.False((await _client.GetJsonAsync("/api/pipelines/hello")).GetProperty("paused").GetBoolean());
        var trail = (await _client.GetJsonAsync("/api/audit?pipeline=hello&limit=500")).EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.True(trail.IndexOf("pipeline.unpause") < trail.IndexOf("pipeline.pause"), string.Join(", ", trail));
    }

    [Fact]
    public async Task A_backfill_is_an_object_with_its_creator_limit_progress_and_audit_and_can_be_cancelled_once()
    {
        // Paused, so none of the 31 runs can end by itself before the cancel (on a loaded machine the first one could
        // finish between the create and the cancel, and then 30 were cancelled).
        Guid id;
        await using (await PausedPipeline.PauseAsync(_client, "hello"))
        {
            using var created = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills",
                new { from = "2024-03-01", to = "2024-03-31", maxConcurrentRuns = 1 }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            id = (await created.ReadAsync()).GetProperty("backfillId").GetGuid();
            Assert.Equal($"/api/backfills/{id}", created.Headers.Location!.ToString());

            var listed = await _client.GetJsonAsync("/api/backfills?pipeline=hello");
            var summary = listed.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
            Assert.Equal("api:127.0.0.1", summary.GetProperty("createdBy").GetString());
            Assert.Equal(1, summary.GetProperty("maxConcurrentRuns").GetInt32());
            Assert.Equal(31, summary.GetProperty("totalRuns").GetInt32());

            using var cancel = await _client.PostAsync($"/api/backfills/{id}/cancel", null, Ct);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            Assert.Equal(31, (await cancel.ReadAsync()).GetProperty("cancelledRuns").GetInt32());
        }

        var detail = await Eventually.ReturnsAsync(() => _client.GetJsonAsync($"/api/backfills/{id}"),
            d => d.GetProperty("backfill").GetProperty("state").GetString() == "Cancelled", TimeSpan.FromSeconds(30), "the backfill to be cancelled");
        Assert.Equal(31, detail.GetProperty("backfill").GetProperty("runsByState").GetProperty("Cancelled").GetInt32());
        Assert.Equal(["backfill.cancel", "backfill.create"], detail.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()));

        using var again = await _client.PostAsync($"/api/backfills/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("nothing to cancel", (await again.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Retry_failed_queues_only_the_failed_runs_and_says_so()
    {
        using var created = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from = "2024-04-01", to = "2024-04-02" }, Ct);
        var id = (await created.ReadAsync()).GetProperty("backfillId").GetGuid();
        await Eventually.ReturnsAsync(() => _client.GetJsonAsync($"/api/backfills/{id}"),
            d => d.GetProperty("backfill").GetProperty("state").GetString() == "Succeeded", TimeSpan.FromSeconds(60), "the backfill to succeed");

        using var retry = await _client.PostAsync($"/api/backfills/{id}/retry-failed", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("no failed or cancelled run", (await retry.ReadAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"from":"2024-01-01","to":"2024-01-02","only":"some"}""", "only")]
    [InlineData("""{"from":"2024-01-01","to":"2024-01-02","tasks":["nope"]}""", "tasks")]
    [InlineData("""{"from":"2024-01-03","to":"2024-01-02"}""", "to")]
    [InlineData("""{"from":"2024-1-1","to":"2024-01-02"}""", "from")]
    public async Task A_bad_clear_is_a_400_that_names_the_field(string body, string field)
    {
        using var response = await _client.PostAsync("/api/pipelines/hello/clear", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Unknown_backfills_and_pipelines_are_404_problems_and_a_backfill_limit_above_the_pipelines_is_a_400()
    {
        var unknown = Guid.NewGuid();
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, $"/api/backfills/{unknown}"), (HttpMethod.Post, $"/api/backfills/{unknown}/cancel"),
                     (HttpMethod.Post, $"/api/backfills/{unknown}/retry-failed"), (HttpMethod.Post, "/api/pipelines/nope/pause"),
                     (HttpMethod.Post, $"/api/runs/{unknown}/start"),
                 })
        {
            using var response = await _client.SendAsync(new HttpRequestMessage(method, url), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var tooMany = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from = "2024-05-01", to = "2024-05-02", maxConcurrentRuns = 99 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.ReadAsync()).GetProperty("errors").TryGetProperty("maxConcurrentRuns", out _));
    }

    [Fact]
    public async Task From_another_machine_every_new_mutation_needs_the_credentials_and_records_the_user()
    {
        factory.RemoteAddress = IPAddress.Parse("203.0.113.7");
        try
        {
            var id = Guid.NewGuid();
            foreach (var url in new[] { "/api/pipelines/hello/pause", "/api/pipelines/hello/unpause", "/api/pipelines/hello/clear",
                         $"/api/backfills/{id}/cancel", $"/api/backfills/{id}/retry-failed", $"/api/runs/{id}/start" })
            {
                using var refused = await _client.PostAsync(url, JsonContent.Create(new { }), Ct);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/ingest/pause");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ControlsApiFactory.User}:{ControlsApiFactory.Password}")));
            request.Headers.Add("X-Pipeline-Actor", "cli:ana@laptop");
            using var allowed = await _client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        finally
        {
            factory.RemoteAddress = IPAddress.Loopback;
        }

        var entry = (await _client.GetJsonAsync("/api/audit?pipeline=ingest")).EnumerateArray().First();
        Assert.Equal("pipeline.pause", entry.GetProperty("action").GetString());
        Assert.Equal("api:operator (cli:ana@laptop)", entry.GetProperty("actor").GetString());
        (await _client.PostAsync("/api/pipelines/ingest/unpause", null, Ct)).EnsureSuccessStatusCode();
    }
}
