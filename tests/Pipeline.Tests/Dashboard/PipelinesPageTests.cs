using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

public sealed partial class PipelinesPageTests
{
    private const string PipelinesPath = "/hangfire/pipelines";

    [Fact]
    public async Task Lists_every_pipeline_in_one_table_inside_Hangfires_layout()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);

        var page = await session.GetAsync(PipelinesPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("navbar navbar-default navbar-fixed-top", page.Html);
        Assert.Matches(MenuItem(), page.Html);
        Assert.Contains("href=\"/hangfire/recurring\"", page.Html);
        Assert.Contains("<h1 class=\"page-header\">Pipelines</h1>", page.Html);
        var hello = Row(page, "hello");
        Assert.Contains("href=\"/hangfire/pipelines/hello\"", hello);
        Assert.Contains("A diamond of four small tasks", hello);
        Assert.Contains("<code>0 1 * * *</code>", hello);
        Assert.Contains("daily from 2023-01-01", hello);
        Assert.Contains("never run", hello);
        Assert.Contains("action=\"/hangfire/pipelines/hello/run\"", hello);
        foreach (var name in new[] { "wind-etl", "ingest", "crypto", "air-quality", "breweries" })
            Assert.Contains($"<tr data-pipeline=\"{name}\">", page.Html);
    }

    [Fact]
    public async Task The_last_runs_are_squares_linking_to_each_run_and_failed_days_are_counted_and_filterable()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);
        var noon = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var ids = await RunHistory.SeedAsync(factory.Services, "wind-etl",
        [
            new(new DateOnly(2024, 10, 1), RunState.Failed, noon),
            new(new DateOnly(2024, 10, 2), RunState.Succeeded, noon.AddMinutes(1)),
            new(new DateOnly(2024, 10, 3), RunState.Failed, noon.AddMinutes(2)),
        ], TestContext.Current.CancellationToken);

        var page = await session.GetAsync(PipelinesPath);

        var wind = Row(page, "wind-etl");
        var squares = Regex.Matches(wind, "<a class=\"run-square state-(?<state>\\w+)\" href=\"/hangfire/pipelines/runs/(?<id>[0-9a-f-]{36})\"")
            .Select(m => (m.Groups["state"].Value, Guid.Parse(m.Groups["id"].Value))).ToList();
        Assert.Equal([("failed", ids[0]), ("succeeded", ids[1]), ("failed", ids[2])], squares);
        Assert.Matches("class=\"min-width js-failed\"><span class=\"label label-danger\">2</span>", wind);

        var failing = await session.GetAsync(PipelinesPath + "?failing=1");
        Assert.Contains("<tr data-pipeline=\"wind-etl\">", failing.Html);
        Assert.DoesNotContain("<tr data-pipeline=\"hello\">", failing.Html);
        var named = await session.GetAsync(PipelinesPath + "?name=HEL");
        Assert.Contains("<tr data-pipeline=\"hello\">", named.Html);
        Assert.DoesNotContain("<tr data-pipeline=\"wind-etl\">", named.Html);
        var none = await session.GetAsync(PipelinesPath + "?name=%3Cscript%3E");
        Assert.Contains("No pipeline matches the filter.", none.Html);
        Assert.Contains("value=\"&lt;script&gt;\"", none.Html);
    }

    [Fact]
    public async Task Run_now_in_the_table_starts_a_run_of_that_pipeline_and_opens_it()
    {
        await using var factory = new PipelineWebFactory { Settings = { ["Engine:WorkerCount"] = "0" } };
        using var session = DashboardSession.Open(factory);
        var page = await session.GetAsync(PipelinesPath);

        var started = await session.SubmitAsync(page, "/hangfire/pipelines/hello/run");

        Assert.Equal(HttpStatusCode.SeeOther, started.Status);
        var runId = Guid.Parse(started.Location!.OriginalString[^36..]);
        var run = await factory.Services.GetRequiredService<RunQueries>().GetAsync(runId, TestContext.Current.CancellationToken);
        Assert.Equal("hello", run!.Run.Pipeline);
    }

    private static string Row(DashboardSession.Page page, string pipeline)
    {
        var row = Regex.Match(page.Html, $"<tr data-pipeline=\"{pipeline}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"The overview has no row for {pipeline}.");
        return row.Value;
    }

    [Fact]
    public async Task A_second_host_in_the_same_process_does_not_add_the_pages_twice()
    {
        await using var first = new PipelineWebFactory();
        await using var second = new PipelineWebFactory();
        using var firstSession = DashboardSession.Open(first);
        using var secondSession = DashboardSession.Open(second);

        Assert.Equal(HttpStatusCode.OK, (await firstSession.GetAsync(PipelinesPath)).Status);
        var page = await secondSession.GetAsync(PipelinesPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Single(MenuItem().Matches(page.Html));
    }

    [Fact]
    public async Task From_another_machine_without_credentials_the_page_is_refused()
    {
        await using var factory = new PipelineWebFactory { RemoteAddress = IPAddress.Parse("192.0.2.10") };
        using var session = DashboardSession.Open(factory);

        var page = await session.GetAsync(PipelinesPath);

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        // No Basic user is configured, so only a bearer token (an API key) could open it.
        Assert.Equal("Bearer", page.Challenge?.Scheme);
        Assert.DoesNotContain("data-pipeline", page.Html);
    }

    [Fact]
    public async Task From_another_machine_the_configured_credentials_open_the_page()
    {
        await using var factory = new PipelineWebFactory { RemoteAddress = IPAddress.Parse("192.0.2.10") };
        factory.Settings["Access:Users:ops:PasswordHash"] = PasswordHashes.Hash("s3cret");
        factory.Settings["Access:Users:ops:Role"] = "viewer";
        using var session = DashboardSession.Open(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(PipelinesPath)).Status);
        session.Client.DefaultRequestHeaders.Authorization = Basic("ops", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(PipelinesPath)).Status);

        session.Client.DefaultRequestHeaders.Authorization = Basic("ops", "s3cret");
        var page = await session.GetAsync(PipelinesPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<tr data-pipeline=\"hello\">", page.Html);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [GeneratedRegex("<a href=\"/hangfire/pipelines\">\\s*Pipelines\\s*</a>")]
    private static partial Regex MenuItem();
}
