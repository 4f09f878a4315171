using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Deployment;

/// <summary>The scheduler started as operators start it: address and log format from the standard settings.</summary>
public sealed class HostingConventionsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Aspnetcore_urls_chooses_the_address()
    {
        var port = FreePort();
        await using var host = await ConfiguredSchedulerProcess.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Equal([new Uri($"http://127.0.0.1:{port}")], host.ListeningAddresses());
        await AssertAnswersAsync(new Uri($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task Aspnetcore_http_ports_chooses_the_port_on_every_interface()
    {
        var port = FreePort();
        // Reachable from other machines, so someone there must be able to sign in: one Basic user.
        await using var host = await ConfiguredSchedulerProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = $"{port}",
            ["Access__Users__ops__PasswordHash"] = PasswordHashes.Hash("a-long-secret"),
        });

        Assert.All(host.ListeningAddresses(), address => Assert.Equal(port, address.Port));
        await AssertAnswersAsync(new Uri($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task On_every_interface_with_no_way_to_sign_in_the_server_refuses_to_start()
    {
        var (exitCode, output) = await ConfiguredSchedulerProcess.RunToExitAsync(
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = $"{FreePort()}" });

        Assert.Equal(1, exitCode);
        var error = Assert.Single(output, line => line.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("no one there could sign in", error);
        Assert.Contains("Access:AllowAnonymousRemote=true", error);
        Assert.DoesNotContain(output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_every_interface_anonymous_access_allowed_on_purpose_starts_with_a_warning()
    {
        var port = FreePort();
        await using var host = await ConfiguredSchedulerProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = $"{port}",
            ["Access__AllowAnonymousRemote"] = "true",
        });

        await AssertAnswersAsync(new Uri($"http://127.0.0.1:{port}"));
        await Eventually.HappensAsync(() => host.Output.Any(line =>
            line.Contains("without credentials as viewer (Access:AllowAnonymousRemote=true)", StringComparison.Ordinal)), Deadline, "the warning");
    }

    [Fact]
    public async Task The_urls_argument_wins_over_the_environment()
    {
        await using var host = await ConfiguredSchedulerProcess.StartAsync(
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:9" }, "--urls", "http://127.0.0.1:0");

        var address = Assert.Single(host.ListeningAddresses());
        Assert.NotEqual(9, address.Port);
        await AssertAnswersAsync(address);
    }

    [Fact]
    public void Without_an_address_the_host_listens_on_localhost_5000()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.Configuration["urls"] = null;
        builder.Configuration["http_ports"] = null;
        builder.Configuration["https_ports"] = null;

        builder.AddHostingConventions();

        Assert.Equal("http://localhost:5000", builder.WebHost.GetSetting("urls"));
    }

    [Fact]
    public async Task Json_console_logs_carry_the_run_task_and_attempt_of_each_task_line()
    {
        await using var host = await ConfiguredSchedulerProcess.StartAsync(
            new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" }, "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = host.ListeningAddresses()[0] };

        var created = await http.PostAsJsonAsync("/api/pipelines/hello/runs", new { partition = "2024-01-01" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetString();

        await Eventually.HappensAsync(() => TaskLines(host, runId!).Any(), Deadline, "a task's log line in JSON");
        Assert.All(host.Output.Where(line => line.StartsWith('{')), line => JsonDocument.Parse(line).Dispose());
        var pick = TaskLines(host, runId!).First(line => line.Scope.GetProperty("Task").GetString() == "pick_greeting");
        Assert.Equal("Pipeline.Tasks.hello.pick_greeting", pick.Category);
        Assert.Equal("hello", pick.Scope.GetProperty("Pipeline").GetString());
        Assert.Equal(1, pick.Scope.GetProperty("Attempt").GetInt32());
        Assert.True(Guid.TryParse(pick.Scope.GetProperty("TaskRunId").GetString(), out _));
    }

    private sealed record TaskLine(string Category, JsonElement Scope);

    /// <summary>Task log lines whose scope names this run.</summary>
    private static IEnumerable<TaskLine> TaskLines(ConfiguredSchedulerProcess host, string runId)
    {
        foreach (var line in host.Output.Where(l => l.StartsWith('{')))
        {
            var json = JsonDocument.Parse(line).RootElement;
            if (!json.TryGetProperty("Scopes", out var scopes)) continue;
            foreach (var scope in scopes.EnumerateArray())
                if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("RunId", out var id) && id.GetString() == runId)
                    yield return new TaskLine(json.GetProperty("Category").GetString()!, scope);
        }
    }

    private static async Task AssertAnswersAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        var response = await http.GetAsync("/api/pipelines", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
