using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

public sealed class PipelinesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Pipelines_are_listed_with_their_dag_partitions_and_next_scheduled_time()
    {
        var pipelines = await _client.GetJsonAsync("/api/pipelines");

        var hello = pipelines.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "hello");
        Assert.Equal(["pick_greeting", "greet_world", "greet_team", "combine"],
            hello.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray());
        var edges = hello.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from")}->{e.GetProperty("to")}").ToArray();
        Assert.Equal(["pick_greeting->greet_world", "pick_greeting->greet_team", "greet_world->combine", "greet_team->combine"], edges);
        Assert.Equal("2023-01-01", hello.GetProperty("partitioning").GetProperty("start").GetString());
        var schedule = hello.GetProperty("schedule");
        Assert.Equal("0 1 * * *", schedule.GetProperty("cron").GetString());
        Assert.True(schedule.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_triggered_run_is_accepted_with_its_location_and_runs_to_success_with_a_retry()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        using var response = await _client.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = yesterday, parameters = new { greeting = "Hi" } }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.ReadAsync()).GetProperty("runId").GetGuid();
        Assert.Equal($"/api/runs/{runId}", response.Headers.Location!.ToString());

        var run = await Eventually.ReturnsAsync(() => _client.GetJsonAsync($"/api/runs/{runId}"),
            r => r.GetProperty("run").GetProperty("state").GetString() is "Succeeded" or "Failed",
            TimeSpan.FromSeconds(60), "the hello run to end");
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        Assert.Equal(yesterday, run.GetProperty("run").GetProperty("partition").GetString());
        var tasks = run.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("task").GetString()!);
        Assert.Equal(2, tasks["greet_team"].GetProperty("attempts").GetInt32());
        Assert.Equal("Hi, team / Hi, world", tasks["combine"].GetProperty("output").GetString());
        Assert.All(tasks.Values, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("hangfireJobId").GetString())));

        var logs = await _client.GetJsonAsync($"/api/runs/{runId}/logs?task=greet_team");
        Assert.Contains(logs.EnumerateArray(), l => l.GetProperty("attempt").GetInt32() == 1 && l.GetProperty("level").GetString() == "Error");
        Assert.Contains(logs.EnumerateArray(), l => l.GetProperty("attempt").GetInt32() == 2 && l.GetProperty("message").GetString() == "Hi, team (attempt 2)");

        var partitions = await _client.GetJsonAsync("/api/pipelines/hello/partitions?pageSize=3");
        Assert.Equal(3, partitions.GetProperty("items").GetArrayLength());
        var day = partitions.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("partition").GetString() == yesterday);
        Assert.Equal("Succeeded", day.GetProperty("state").GetString());
        Assert.Equal(runId, day.GetProperty("latestRunId").GetGuid());
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_run()
    {
        async Task<Guid> TriggerAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/hello/runs")
            {
                Content = JsonContent.Create(new { partition = "2024-01-05" }),
            };
            request.Headers.Add("Idempotency-Key", "nightly-2024-01-05");
            using var response = await _client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.ReadAsync()).GetProperty("runId").GetGuid();
        }

        Assert.Equal(await TriggerAsync(), await TriggerAsync());
        var runs = await _client.GetJsonAsync("/api/runs?pipeline=hello&partition=2024-01-05");
        Assert.Single(runs.GetProperty("items").EnumerateArray());

        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/hello/runs")
        {
            Content = JsonContent.Create(new { partition = "2024-01-06" }),
        };
        other.Headers.Add("Idempotency-Key", "nightly-2024-01-05");
        using var conflict = await _client.SendAsync(other, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("already used", (await conflict.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_pipeline_is_a_404_problem()
    {
        using var response = await _client.PostAsJsonAsync("/api/pipelines/nope/runs", new { }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("There is no pipeline named 'nope'.", (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("2024-02-30", "not a date")]
    [InlineData("01/10/2024", "not a date")]
    [InlineData("2022-12-31", "before the first partition of 'hello', 2023-01-01")]
    [InlineData("2999-01-01", "in the future")]
    public async Task A_bad_partition_is_a_400_that_names_the_field(string partition, string expected)
    {
        using var response = await _client.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync();
        var message = problem.GetProperty("errors").GetProperty("partition")[0].GetString();
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem_without_a_stack_trace()
    {
        using var content = new StringContent("{\"partition\": ", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/pipelines/hello/runs", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task A_backfill_makes_one_run_per_day()
    {
        using var response = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from = "2023-03-01", to = "2023-03-05" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.ReadAsync();
        Assert.Equal(5, created.GetProperty("runIds").GetArrayLength());
        var runs = await _client.GetJsonAsync($"/api/runs?pipeline=hello&pageSize=500");
        var partitions = runs.GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("backfillId").GetString() == created.GetProperty("backfillId").GetString())
            .Select(r => r.GetProperty("partition").GetString()).Order().ToArray();
        Assert.Equal(["2023-03-01", "2023-03-02", "2023-03-03", "2023-03-04", "2023-03-05"], partitions);
    }

    [Theory]
    [InlineData("2023-01-01", "2023-03-01", "to", "at most 31")]
    [InlineData("2023-03-05", "2023-03-01", "to", "before 'from'")]
    [InlineData("yesterday", "2023-03-01", "from", "not a date")]
    public async Task A_bad_backfill_range_is_a_400_that_names_the_field(string from, string to, string field, string expected)
    {
        using var response = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from, to }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.ReadAsync()).GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task From_another_machine_mutations_and_reads_need_credentials()
    {
        factory.RemoteAddress = IPAddress.Parse("192.0.2.10");
        try
        {
            using var refused = await _client.PostAsJsonAsync("/api/pipelines/hello/runs", new { }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            // No Basic user is configured here: the challenge names the bearer token (an API key, or a provider's JWT).
            Assert.StartsWith("Bearer", refused.Headers.WwwAuthenticate.ToString());

            using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/hello/runs") { Content = JsonContent.Create(new { }) };
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:guess")));
            using var wrongResponse = await _client.SendAsync(wrong, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);

            using var read = await _client.GetAsync("/api/pipelines", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        }
        finally
        {
            factory.RemoteAddress = IPAddress.Loopback;
        }
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_and_a_browsable_reference()
    {
        var document = await _client.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/pipelines/{name}/runs", out var runs));
        Assert.True(runs.GetProperty("post").GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(runs.GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));

        using var reference = await _client.GetAsync("/api/reference", Ct);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType!.MediaType);
    }
}
