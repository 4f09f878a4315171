using System.Net;
using System.Net.Http.Json;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

public sealed class RunsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Runs_are_filtered_by_pipeline_state_and_partition_and_paged()
    {
        foreach (var day in new[] { "2024-05-01", "2024-05-02", "2024-05-03" })
            (await _client.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = day }, Ct)).EnsureSuccessStatusCode();

        await Eventually.ReturnsAsync(() => _client.GetJsonAsync("/api/runs?pipeline=hello&state=succeeded"),
            page => page.GetProperty("items").GetArrayLength() >= 3, TimeSpan.FromSeconds(60), "three succeeded runs");

        var first = await _client.GetJsonAsync("/api/runs?pipeline=hello&state=Succeeded&page=1&pageSize=2");
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        var second = await _client.GetJsonAsync("/api/runs?pipeline=hello&state=Succeeded&page=2&pageSize=2");
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetGuid(), second.GetProperty("items")[0].GetProperty("id").GetGuid());

        var oneDay = await _client.GetJsonAsync("/api/runs?partition=2024-05-02");
        Assert.Equal("2024-05-02", Assert.Single(oneDay.GetProperty("items").EnumerateArray()).GetProperty("partition").GetString());
    }

    [Theory]
    [InlineData("/api/runs?state=exploded", "state")]
    [InlineData("/api/runs?partition=2024-5-1", "partition")]
    [InlineData("/api/runs?page=0", "page")]
    [InlineData("/api/runs?pageSize=100000", "pageSize")]
    [InlineData("/api/runs?before=yesterday", "before")]
    [InlineData("/api/runs?before=6f9619ff-8b86-d011-b42d-00c04fc964ff", "before")]
    [InlineData("/api/runs?before=6f9619ff-8b86-d011-b42d-00c04fc964ff&page=2", "before")]
    public async Task Bad_filters_are_a_400_that_names_the_field(string url, string field)
    {
        using var response = await _client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_for_reads_cancel_and_resume()
    {
        var id = Guid.NewGuid();

        using var get = await _client.GetAsync($"/api/runs/{id}", Ct);
        using var cancel = await _client.PostAsync($"/api/runs/{id}/cancel", null, Ct);
        using var resume = await _client.PostAsync($"/api/runs/{id}/resume", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resume.StatusCode);
    }

    [Fact]
    public async Task A_finished_run_cannot_be_cancelled_or_resumed_and_says_why()
    {
        using var created = await _client.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = "2024-06-01" }, Ct);
        var runId = (await created.ReadAsync()).GetProperty("runId").GetGuid();
        await Eventually.ReturnsAsync(() => _client.GetJsonAsync($"/api/runs/{runId}"),
            r => r.GetProperty("run").GetProperty("state").GetString() == "Succeeded", TimeSpan.FromSeconds(60), "the run to succeed");

        using var cancel = await _client.PostAsync($"/api/runs/{runId}/cancel", null, Ct);
        using var resume = await _client.PostAsync($"/api/runs/{runId}/resume", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Contains("already ended (Succeeded)", (await cancel.ReadAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_run_is_reported_cancelled_and_can_be_resumed_to_success()
    {
        using var data = new TempDirectory();
        Guid runId;
        // greet_team's first attempt fails and its retry waits as a scheduled job. This host moves scheduled jobs to
        // their queue once an hour, so the retry stays waiting while the test cancels (with the usual 0.1 s a slow
        // poll could see the wait so late that the cancel met the retry running, or the run already ended).
        await using (var holding = new PipelineWebFactory
                     {
                         Settings = { ["Engine:DataDirectory"] = data.Path, ["Engine:SchedulePollingInterval"] = "01:00:00" },
                     })
        {
            var client = holding.CreateClient();
            using var created = await client.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = "2024-07-01" }, Ct);
            runId = (await created.ReadAsync()).GetProperty("runId").GetGuid();
            await Eventually.ReturnsAsync(() => client.GetJsonAsync($"/api/runs/{runId}"),
                r => r.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("state").GetString() == "UpForRetry"),
                TimeSpan.FromSeconds(30), "greet_team to wait for its retry");

            using var cancel = await client.PostAsync($"/api/runs/{runId}/cancel", null, Ct);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            var cancelled = await client.GetJsonAsync($"/api/runs/{runId}");
            Assert.Equal("Cancelled", cancelled.GetProperty("run").GetProperty("state").GetString());
            var team = cancelled.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("task").GetString() == "greet_team");
            Assert.Equal("Cancelled", team.GetProperty("state").GetString());
        }

        // The same store under a host with the usual polling: the resumed greet_team fails its first attempt of
        // the round again, and its retry must come due.
        await using var host = new PipelineWebFactory { Settings = { ["Engine:DataDirectory"] = data.Path } };
        var resumer = host.CreateClient();
        using var resume = await resumer.PostAsync($"/api/runs/{runId}/resume", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        var resumed = await Eventually.ReturnsAsync(() => resumer.GetJsonAsync($"/api/runs/{runId}"),
            r => r.GetProperty("run").GetProperty("state").GetString() is "Succeeded" or "Failed", TimeSpan.FromSeconds(60), "the resumed run to end");
        Assert.Equal("Succeeded", resumed.GetProperty("run").GetProperty("state").GetString());
    }
}
