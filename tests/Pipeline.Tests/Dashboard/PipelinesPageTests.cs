using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

public sealed partial class PipelinesPageTests
{
    private const string PipelinesPath = "/hangfire/pipelines";

    [Fact]
    public async Task Lists_hello_with_its_tasks_and_schedule_inside_Hangfires_layout()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);

        var page = await session.GetAsync(PipelinesPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("navbar navbar-default navbar-fixed-top", page.Html);
        Assert.Matches(MenuItem(), page.Html);
        Assert.Contains("href=\"/hangfire/recurring\"", page.Html);
        Assert.Contains("<h1 class=\"page-header\">Pipelines</h1>", page.Html);
        Assert.Contains("data-pipeline=\"hello\"", page.Html);
        Assert.Contains("A diamond of four small tasks", page.Html);
        foreach (var task in new[] { "pick_greeting", "greet_world", "greet_team", "combine" })
            Assert.Contains($"<tr data-task=\"{task}\">", page.Html);
        Assert.Matches("<tr data-task=\"combine\"><td>3</td>.*?greet_world, greet_team", page.Html);
        Assert.Contains("Daily from 2023-01-01 (UTC)", page.Html);
        Assert.Contains("<code>0 1 * * *</code> (UTC)", page.Html);
        Assert.Contains("action=\"/hangfire/pipelines/hello/run\"", page.Html);
        Assert.Contains("action=\"/hangfire/pipelines/hello/backfill\"", page.Html);
        Assert.Contains("No runs yet", page.Html);
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
        Assert.Equal("Basic", page.Challenge?.Scheme);
        Assert.DoesNotContain("data-pipeline", page.Html);
    }

    [Fact]
    public async Task From_another_machine_the_configured_credentials_open_the_page()
    {
        await using var factory = new PipelineWebFactory { RemoteAddress = IPAddress.Parse("192.0.2.10") };
        factory.Settings["Access:Username"] = "ops";
        factory.Settings["Access:Password"] = "s3cret";
        using var session = DashboardSession.Open(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(PipelinesPath)).Status);
        session.Client.DefaultRequestHeaders.Authorization = Basic("ops", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(PipelinesPath)).Status);

        session.Client.DefaultRequestHeaders.Authorization = Basic("ops", "s3cret");
        var page = await session.GetAsync(PipelinesPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-pipeline=\"hello\"", page.Html);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [GeneratedRegex("<a href=\"/hangfire/pipelines\">\\s*Pipelines\\s*</a>")]
    private static partial Regex MenuItem();
}
