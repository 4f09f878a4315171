using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>The air-quality API and the Sensors page on an embedded host, after one run of the pipeline.</summary>
public sealed class AirQualityApiTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_cache_answers_by_key_and_404s_an_absent_one()
    {
        await using var host = await RanHostAsync();
        using var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var entry = await client.GetFromJsonAsync<JsonElement>("/api/cache/sensor:2004-03-10:18:00", ct);
        var absent = await client.GetAsync("/api/cache/sensor:1999-01-01:00:00", ct);

        Assert.Equal("2.6", entry.GetProperty("fields").GetProperty("co").GetString());
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal("application/problem+json", absent.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task History_lists_the_processed_objects_and_serves_each_one()
    {
        await using var host = await RanHostAsync();
        using var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var names = await client.GetFromJsonAsync<List<string>>("/api/history", ct);
        var rows = 0;
        foreach (var name in names!)
            rows += (await client.GetFromJsonAsync<JsonElement>($"/api/history/{name}", ct)).GetArrayLength();
        var withoutExtension = await client.GetAsync($"/api/history/{names[0][..^".parquet".Length]}", ct);

        Assert.Equal(UciFacts.Bundled.Readings, rows);
        Assert.Equal(HttpStatusCode.OK, withoutExtension.StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fsource%2FAirQualityUCI.csv")]
    [InlineData("sensor_raw%2F..%2F..%2Fraw%2Fx")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("a%5Cb")]
    public async Task A_history_name_with_a_path_trick_is_a_400_naming_the_field(string name)
    {
        await using var host = new PipelineWebFactory();
        using var client = host.CreateClient();

        var response = await client.GetAsync($"/api/history/{name}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_missing_history_object_is_a_404()
    {
        await using var host = new PipelineWebFactory();
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/history/sensor_raw/partition=0/offset=000000000000", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Alerts_are_taken_off_the_queue_up_to_the_count_and_an_empty_queue_is_an_empty_list()
    {
        await using var host = await RanHostAsync();
        using var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var first = await client.GetFromJsonAsync<JsonElement>("/api/alerts?count=100", ct);
        var rest = await client.GetFromJsonAsync<JsonElement>("/api/alerts?count=1000", ct);
        var none = await client.GetFromJsonAsync<JsonElement>("/api/alerts", ct);

        Assert.Equal(100, first.GetArrayLength());
        var ids = first.EnumerateArray().Concat(rest.EnumerateArray()).Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Equal(UciFacts.Bundled.AlertIds.Order(), ids.Order());
        Assert.Equal(0, none.GetArrayLength());
        Assert.NotEmpty(first[0].GetProperty("reasons").EnumerateArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task An_alert_count_out_of_range_is_a_400(string count)
    {
        await using var host = new PipelineWebFactory();
        using var client = host.CreateClient();

        var response = await client.GetAsync($"/api/alerts?count={count}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Taking_alerts_from_another_machine_needs_credentials()
    {
        await using var host = new PipelineWebFactory { RemoteAddress = IPAddress.Parse("192.0.2.7") };
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/alerts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<PipelineWebFactory> RanHostAsync()
    {
        var host = new PipelineWebFactory();
        using var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var started = await client.PostAsJsonAsync("/api/pipelines/air-quality/runs", new { }, ct);
        started.EnsureSuccessStatusCode();
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetGuid();
        var run = await Eventually.ReturnsAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", ct),
            r => r.GetProperty("run").GetProperty("state").GetString() is "Succeeded" or "Failed", RunDeadline, "the air-quality run");
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        return host;
    }
}
