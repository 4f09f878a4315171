using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

public sealed partial class RunFormsTests
{
    private const string PipelinesPath = "/hangfire/pipelines/hello";
    private const string RunNow = "/hangfire/pipelines/hello/run";
    private const string Backfill = "/hangfire/pipelines/hello/backfill";
    private const string TokenField = "__RequestVerificationToken";
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_now_starts_a_run_whose_page_follows_it_to_the_end()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);
        var pipelines = await session.GetAsync(PipelinesPath);
        Assert.Contains(pipelines.SetCookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(TokenField, pipelines.HiddenFields(RunNow).Keys);

        var submitted = await session.SubmitAsync(pipelines, RunNow, ("partition", "2024-02-29"), ("parameters", "note=<b>hi</b>\r\nsize = 3"));

        Assert.Equal(HttpStatusCode.SeeOther, submitted.Status);
        var runPath = submitted.Location!.OriginalString;
        Assert.Matches("^/hangfire/pipelines/runs/[0-9a-f-]{36}$", runPath);
        var run = await Runs(factory).GetAsync(Guid.Parse(runPath[^36..]), TestContext.Current.CancellationToken);
        Assert.NotNull(run);
        Assert.Equal(("2024-02-29", "dashboard"), (run.Run.Partition, run.Run.Trigger));
        Assert.Equal(new Dictionary<string, string> { ["note"] = "<b>hi</b>", ["size"] = "3" }, run.Parameters);

        var page = await Eventually.ReturnsAsync(() => session.GetAsync(runPath),
            p => p.Html.Contains("data-state=\"Succeeded\"><span class=\"label label-success\">", StringComparison.Ordinal),
            RunDeadline, "the run page to show the run succeeded");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var task in new[] { "pick_greeting", "greet_world", "greet_team", "combine" })
            Assert.Equal("Succeeded", TaskRow(page, task).Groups["state"].Value);
        var greetTeam = TaskRow(page, "greet_team");
        Assert.Equal("2", greetTeam.Groups["attempts"].Value);
        Assert.Contains("2 of 3", greetTeam.Value);
        Assert.Contains("Attempt 1 of 3 failed: InvalidOperationException: The team did not answer", LogGroup(page, "greet_team", 1));
        Assert.Contains("Hello, team (attempt 2)", LogGroup(page, "greet_team", 2));
        Assert.Contains("Picked the greeting", LogGroup(page, "pick_greeting", 1));
        Assert.Contains("&lt;b&gt;hi&lt;/b&gt;", page.Html);
        Assert.DoesNotContain("<b>hi</b>", page.Html);
        Assert.Contains("data-live=\"false\"", page.Html);
        Assert.DoesNotContain("/cancel\"", page.Html);

        var jobLinks = JobLink().Matches(page.Html).Select(m => m.Groups["path"].Value).ToList();
        Assert.Equal(4, jobLinks.Count);
        var job = await session.GetAsync(jobLinks[0]);
        Assert.Equal(HttpStatusCode.OK, job.Status);
        Assert.Contains("page-header", job.Html);
    }

    [Fact]
    public async Task Run_now_without_the_antiforgery_token_is_refused_and_starts_nothing()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);
        // The page sets the antiforgery cookie, as it would be in a browser that a hostile page makes post.
        var pipelines = await session.GetAsync(PipelinesPath);
        var fields = pipelines.HiddenFields(RunNow);

        fields.Remove(TokenField);
        var withoutToken = await session.PostAsync(RunNow, fields);
        fields[TokenField] = "forged";
        var withForgedToken = await session.PostAsync(RunNow, fields);

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.Status);
        Assert.Equal(HttpStatusCode.Forbidden, withForgedToken.Status);
        Assert.Equal(0, await RunCountAsync(factory));
    }

    [Fact]
    public async Task A_malformed_partition_is_shown_with_the_field_to_fix_and_starts_nothing()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);
        var pipelines = await session.GetAsync(PipelinesPath);

        var refused = await session.SubmitAsync(pipelines, RunNow, ("partition", "2023-02-30"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Matches("<div class=\"alert alert-danger\" role=\"alert\"><strong>partition:</strong> [^<]*2023-02-30[^<]*is not a date in the form yyyy-MM-dd", refused.Html);
        Assert.Contains("name=\"partition\" value=\"2023-02-30\"", refused.Html);
        Assert.Contains("data-pipeline=\"hello\"", refused.Html);
        Assert.DoesNotContain("   at ", refused.Html);
        Assert.Equal(0, await RunCountAsync(factory));
    }

    [Fact]
    public async Task Backfill_creates_a_run_per_day_and_says_so_on_the_pipeline_page()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);
        var pipelines = await session.GetAsync(PipelinesPath);

        var submitted = await session.SubmitAsync(pipelines, Backfill, ("from", "2023-01-01"), ("to", "2023-01-03"));

        Assert.Equal(HttpStatusCode.SeeOther, submitted.Status);
        var back = await session.GetAsync(submitted.Location!.OriginalString);
        Assert.Contains("alert alert-success", back.Html);
        Assert.Contains("created 3 runs", back.Html);
        var runs = await Runs(factory).ListAsync("hello", null, null, 1, 10, TestContext.Current.CancellationToken);
        Assert.Equal(["2023-01-01", "2023-01-02", "2023-01-03"], runs.Items.Select(r => r.Partition).Order());
        Assert.All(runs.Items, r => Assert.NotNull(r.BackfillId));
    }

    [Fact]
    public async Task Cancelling_or_resuming_a_run_that_succeeded_says_why_and_changes_nothing()
    {
        await using var factory = new PipelineWebFactory();
        using var session = DashboardSession.Open(factory);
        var pipelines = await session.GetAsync(PipelinesPath);
        var token = pipelines.HiddenFields(RunNow)[TokenField];
        var runId = await factory.Services.GetRequiredService<RunRequests>()
            .TriggerAsync("hello", "2024-01-01", null, "test", null, TestContext.Current.CancellationToken);
        await Eventually.ReturnsAsync(() => Runs(factory).GetAsync(runId, TestContext.Current.CancellationToken),
            r => r?.Run.State == RunState.Succeeded, RunDeadline, "the run to succeed");

        var cancel = await session.PostAsync($"/hangfire/pipelines/runs/{runId}/cancel", [new(TokenField, token)]);
        var resume = await session.PostAsync($"/hangfire/pipelines/runs/{runId}/resume", [new(TokenField, token)]);

        Assert.Equal(HttpStatusCode.Conflict, cancel.Status);
        Assert.Contains("has already ended (Succeeded); there is nothing to cancel", cancel.Html);
        Assert.Equal(HttpStatusCode.Conflict, resume.Status);
        Assert.Contains("only a failed or cancelled run can be resumed", resume.Html);
        var run = await Runs(factory).GetAsync(runId, TestContext.Current.CancellationToken);
        Assert.Equal(RunState.Succeeded, run!.Run.State);
        Assert.All(run.Tasks, t => Assert.Equal(TaskState.Succeeded, t.State));
    }

    [Fact]
    public async Task Cancel_and_resume_buttons_act_on_the_run_and_return_to_its_page()
    {
        // A host without workers: its run stays live until cancelled, however slow the machine (a run that
        // could end by itself raced the cancel on a loaded machine and made this test flaky).
        await using var factory = new PipelineWebFactory { Settings = { ["Engine:WorkerCount"] = "0" } };
        using var session = DashboardSession.Open(factory);
        var pipelines = await session.GetAsync(PipelinesPath);
        var started = await session.SubmitAsync(pipelines, RunNow);
        var runPath = started.Location!.OriginalString;
        var runId = Guid.Parse(runPath[^36..]);
        var live = await session.GetAsync(runPath);
        Assert.Contains("data-live=\"true\"", live.Html);

        var cancelled = await session.SubmitAsync(live, $"{runPath}/cancel");

        Assert.Equal(HttpStatusCode.SeeOther, cancelled.Status);
        Assert.Equal(runPath, cancelled.Location!.OriginalString);
        Assert.Equal(RunState.Cancelled, (await Runs(factory).GetAsync(runId, TestContext.Current.CancellationToken))!.Run.State);
        var ended = await session.GetAsync(runPath);
        Assert.Contains("data-live=\"false\"", ended.Html);
        Assert.DoesNotContain($"action=\"{runPath}/cancel\"", ended.Html);

        var resumed = await session.SubmitAsync(ended, $"{runPath}/resume");

        Assert.Equal(HttpStatusCode.SeeOther, resumed.Status);
        Assert.Equal(runPath, resumed.Location!.OriginalString);
        Assert.False((await Runs(factory).GetAsync(runId, TestContext.Current.CancellationToken))!.Run.State.IsTerminal());
        // Both buttons are in the run's audit trail, newest first, with who pressed them and through what.
        var audited = await session.GetAsync(runPath);
        Assert.Matches(new Regex("<tr data-action=\"run.resume\">.*?<td class=\"js-audit-actor\"[^>]*>127.0.0.1</td><td class=\"min-width\">dashboard</td>.*?" +
                       "<tr data-action=\"run.cancel\">.*?>127.0.0.1</td><td class=\"min-width\">dashboard</td>", RegexOptions.Singleline), audited.Html);
    }

    private static RunQueries Runs(PipelineWebFactory factory) => factory.Services.GetRequiredService<RunQueries>();

    // Runs of hello, the pipeline the forms target: a schedule of another pipeline may start a run meanwhile.
    private static async Task<int> RunCountAsync(PipelineWebFactory factory) =>
        (await Runs(factory).ListAsync("hello", null, null, 1, RunQueries.MaxPageSize, TestContext.Current.CancellationToken)).Items.Count;

    private static Match TaskRow(DashboardSession.Page page, string task)
    {
        var row = Regex.Match(page.Html, $"<tr data-task=\"{task}\" data-state=\"(?<state>\\w+)\" data-attempts=\"(?<attempts>\\d+)\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"The run page has no row for task {task}.");
        return row;
    }

    private static string LogGroup(DashboardSession.Page page, string task, int attempt)
    {
        var group = Regex.Match(page.Html, $"<div class=\"js-log-group\" data-task=\"{task}\" data-attempt=\"{attempt}\"[^>]*>.*?</table></div>", RegexOptions.Singleline);
        Assert.True(group.Success, $"The run page has no log for {task}, attempt {attempt}.");
        return group.Value;
    }

    [GeneratedRegex("<a href=\"(?<path>/hangfire/jobs/details/[^\"]+)\" class=\"js-hangfire-job\"")]
    private static partial Regex JobLink();
}
