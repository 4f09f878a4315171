using System.Net;
using System.Text.Json;
using Pipeline.Scheduler.Access;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Health;

/// <summary>/health/live and /health/ready as a load balancer or Kubernetes sees them.</summary>
public sealed class HealthProbeTests
{
    public static readonly string[] ReadyChecks = ["run-store", "hangfire-storage", "lake", "streams", "cache", "alert-queue"];

    [Fact]
    public async Task Embedded_host_is_live_and_ready_with_one_entry_per_part()
    {
        await using var host = new PipelineWebFactory();
        var client = host.CreateClient();

        var (liveStatus, live) = await GetAsync(client, "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        var (readyStatus, ready) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        var entries = ready.GetProperty("entries");
        Assert.Equal(ReadyChecks.Order(), entries.EnumerateObject().Select(e => e.Name).Order());
        foreach (var entry in entries.EnumerateObject())
        {
            Assert.Equal("Healthy", entry.Value.GetProperty("status").GetString());
            Assert.True(TimeSpan.TryParse(entry.Value.GetProperty("duration").GetString(), out _), $"{entry.Name} has a duration");
        }
    }

    [Fact]
    public async Task Probes_answer_remote_callers_without_credentials()
    {
        await using var host = new PipelineWebFactory { RemoteAddress = IPAddress.Parse("203.0.113.7") };
        host.Settings["Access:Users:operator:PasswordHash"] = PasswordHashes.Hash("a-long-secret");
        host.Settings["Access:Users:operator:Role"] = "operator";
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);
        // The same caller is refused where credentials are needed: the probes are open on purpose.
        using var run = await client.PostAsync("/api/pipelines/hello/runs", JsonContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, run.StatusCode);
    }

    [Fact]
    public async Task A_required_service_that_does_not_answer_makes_the_host_unready_but_still_live()
    {
        await using var host = new PipelineWebFactory();
        host.Settings["ConnectionStrings:Redis"] = "127.0.0.1:9";
        host.Settings["Cache:CommandTimeout"] = "00:00:00.500";
        host.Settings["Health:Timeout"] = "00:00:01";
        var client = host.CreateClient();

        var (status, ready) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", ready.GetProperty("entries").GetProperty("cache").GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("entries").GetProperty("run-store").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);
    }

    [Fact]
    public async Task An_optional_service_that_does_not_answer_only_degrades_the_host()
    {
        await using var host = new PipelineWebFactory();
        host.Settings["ConnectionStrings:Redis"] = "127.0.0.1:9";
        host.Settings["Cache:CommandTimeout"] = "00:00:00.500";
        host.Settings["Health:Timeout"] = "00:00:01";
        host.Settings["Health:Optional:0"] = "cache";
        var client = host.CreateClient();

        var (status, ready) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.Equal("Degraded", ready.GetProperty("entries").GetProperty("cache").GetProperty("status").GetString());
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
