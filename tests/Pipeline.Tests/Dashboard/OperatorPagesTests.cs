using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The operator controls in the dashboard, as a browser without script sees them: backfill pages with Cancel and Retry
/// failed, Pause on the pipeline page and the Paused badge wherever the pipeline is listed, and who changed what. The
/// hosts run no tasks, so every run stays where the test put it.
/// </summary>
public sealed partial class OperatorPagesTests
{
    private const string PipelinePath = "/hangfire/pipelines/hello";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PipelineWebFactory Host() => new() { Settings = { ["Engine:WorkerCount"] = "0" } };

    [Fact]
    public async Task A_backfill_page_shows_its_range_creator_runs_progress_and_changes_and_Cancel_cancels_every_run()
    {
        await using var factory = Host();
        using var session = DashboardSession.Open(factory);
        var created = await session.SubmitAsync(await session.GetAsync(PipelinePath), $"{PipelinePath}/backfill", ("from", "2023-05-01"), ("to", "2023-05-10"));
        var notice = await session.GetAsync(created.Location!.OriginalString);
        var backfillPath = Assert.Single(BackfillLinks().Matches(notice.Html).Select(m => m.Groups["path"].Value).Distinct());
        Assert.Contains("Follow its progress", notice.Html);

        var page = await session.GetAsync(backfillPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("2023-05-01 to 2023-05-10 <span class=\"text-muted\">(10 days)</span>", page.Html);
        Assert.Contains("every day (10 runs)", page.Html);
        Assert.Contains("<th>Created by</th><td>dashboard:127.0.0.1</td>", page.Html);
        Assert.Equal(10, Count(page, RunState.Queued) + Count(page, RunState.Running));
        Assert.Contains("aria-valuenow=\"0\"", page.Html);
        Assert.Contains("data-live=\"true\"", page.Html);
        Assert.Equal([("backfill.create", "127.0.0.1", "dashboard")], Audit(page));
        // Listed on the pipeline page and on the pipeline's list of backfills, each linking here.
        foreach (var list in new[] { PipelinePath, $"{PipelinePath}/backfills" })
            Assert.Contains($"href=\"{backfillPath}\"", (await session.GetAsync(list)).Html);

        var cancelled = await session.SubmitAsync(page, $"{backfillPath}/cancel");

        Assert.Equal(HttpStatusCode.SeeOther, cancelled.Status);
        var after = await session.GetAsync(cancelled.Location!.OriginalString);
        Assert.Contains("Cancelled 10 run(s)", after.Html);
        Assert.Contains("class=\"js-backfill-state\" data-state=\"Cancelled\"", after.Html);
        Assert.Equal(10, Count(after, RunState.Cancelled));
        Assert.Contains("aria-valuenow=\"100\"", after.Html);
        Assert.Contains("data-live=\"false\"", after.Html);
        Assert.DoesNotContain($"action=\"{backfillPath}/cancel\"", after.Html);
        Assert.Contains($"action=\"{backfillPath}/retry-failed\"", after.Html);
        Assert.Equal(("backfill.cancel", "127.0.0.1", "dashboard"), Audit(after)[0]);
        Assert.Equal(["127.0.0.1", "127.0.0.1"], AuditAddresses(after));
        var backfillId = Guid.Parse(backfillPath[^36..]);
        var runs = await factory.Services.GetRequiredService<RunQueries>().ListAsync("hello", null, null, 1, 50, Ct);
        Assert.All(runs.Items.Where(r => r.BackfillId == backfillId), r => Assert.Equal(RunState.Cancelled, r.State));

        // Each run's page links to its backfill and shows the change made to the backfill as a whole.
        var run = await session.GetAsync($"/hangfire/pipelines/runs/{runs.Items.First(r => r.BackfillId == backfillId).Id}");
        Assert.Contains($"href=\"{backfillPath}\" class=\"js-backfill-link\"", run.Html);
        Assert.Equal([("backfill.cancel", "127.0.0.1", "dashboard"), ("backfill.create", "127.0.0.1", "dashboard")], Audit(run));
    }

    [Fact]
    public async Task Retry_failed_queues_exactly_the_failed_runs_again_and_says_so()
    {
        await using var factory = Host();
        using var session = DashboardSession.Open(factory);
        var backfill = await factory.Services.GetRequiredService<RunRequests>().BackfillAsync("hello", "2023-06-01", "2023-06-03", null, "test",
            new BackfillSettings(new Actor("api:ana (cli:ana@build-01)"), MaxConcurrentRuns: 1), Ct);
        var failed = backfill.RunIds[1];
        await FailAsync(factory, failed);
        var path = $"/hangfire/pipelines/backfills/{backfill.BackfillId}";

        var page = await session.GetAsync(path);

        Assert.Equal(1, Count(page, RunState.Failed));
        Assert.Contains($"<tr data-run-id=\"{failed}\">", Regex.Match(page.Html, "<table class=\"[^\"]*js-failed-runs\">.*?</table>", RegexOptions.Singleline).Value);
        Assert.Contains("at most 1 <span class=\"text-muted\">(its own limit; the pipeline's is 16)</span>", page.Html);
        Assert.Equal([("backfill.create", "ana (cli:ana@build-01)", "api")], Audit(page));

        var retried = await session.SubmitAsync(page, $"{path}/retry-failed");

        Assert.Equal(HttpStatusCode.SeeOther, retried.Status);
        var after = await session.GetAsync(retried.Location!.OriginalString);
        Assert.Contains("Queued 1 failed or cancelled run(s) again.", after.Html);
        Assert.Equal(0, Count(after, RunState.Failed));
        Assert.Equal(("backfill.retry-failed", "127.0.0.1", "dashboard"), Audit(after)[0]);
        Assert.False((await factory.Services.GetRequiredService<RunQueries>().GetAsync(failed, Ct))!.Run.State.IsTerminal());

        // Nothing failed any more: the button is gone, and a stale form is refused with the engine's reason.
        Assert.DoesNotContain($"action=\"{path}/retry-failed\"", after.Html);
        var again = await session.SubmitAsync(page, $"{path}/retry-failed");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("has no failed or cancelled run to retry", again.Html);
    }

    [Fact]
    public async Task Pause_on_the_pipeline_page_shows_Paused_wherever_the_pipeline_is_listed_and_runs_asked_for_wait_unless_started_by_hand()
    {
        await using var factory = Host();
        using var session = DashboardSession.Open(factory);
        var paused = await session.SubmitAsync(await session.GetAsync(PipelinePath), $"{PipelinePath}/pause");
        Assert.Equal(HttpStatusCode.SeeOther, paused.Status);

        var pipeline = await session.GetAsync(paused.Location!.OriginalString);
        Assert.Contains("js-paused", Header(pipeline));
        Assert.Contains($"action=\"{PipelinePath}/unpause\"", pipeline.Html);
        Assert.Equal(2, Regex.Matches(pipeline.Html, "js-paused-note").Count);   // the Run-now and Backfill forms
        var overview = await session.GetAsync("/hangfire/pipelines");
        Assert.Contains("js-paused", Regex.Match(overview.Html, "<tr data-pipeline=\"hello\">.*?</tr>", RegexOptions.Singleline).Value);
        Assert.DoesNotContain("js-paused", Regex.Match(overview.Html, "<tr data-pipeline=\"wind-etl\">.*?</tr>", RegexOptions.Singleline).Value);

        var ran = await session.SubmitAsync(pipeline, $"{PipelinePath}/run", ("partition", "2023-07-01"));
        var run = await session.GetAsync(ran.Location!.OriginalString);
        Assert.Contains("js-paused", Header(run));
        Assert.Contains("hello is paused: this run waits in Queued", run.Html);
        var runId = Guid.Parse(ran.Location.OriginalString[^36..]);
        Assert.Equal(RunState.Queued, (await factory.Services.GetRequiredService<RunQueries>().GetAsync(runId, Ct))!.Run.State);

        var started = await session.SubmitAsync(run, $"/hangfire/pipelines/runs/{runId}/start");
        Assert.Equal(HttpStatusCode.SeeOther, started.Status);
        var startedRun = await session.GetAsync(started.Location!.OriginalString);
        Assert.DoesNotContain("this run waits in Queued", startedRun.Html);
        // Newest first: the start by hand, then the trigger from the Run-now form (both audited since issue 16).
        Assert.Equal([("run.start", "127.0.0.1", "dashboard"), ("run.trigger", "127.0.0.1", "dashboard")], Audit(startedRun));
        Assert.Equal(RunState.Running, (await factory.Services.GetRequiredService<RunQueries>().GetAsync(runId, Ct))!.Run.State);

        var backfilled = await session.SubmitAsync(pipeline, $"{PipelinePath}/backfill", ("from", "2023-07-02"), ("to", "2023-07-03"));
        var notice = await session.GetAsync(backfilled.Location!.OriginalString);
        Assert.Contains("The pipeline is paused: they wait until it is unpaused.", notice.Html);
        var backfill = await session.GetAsync(BackfillLinks().Match(notice.Html).Groups["path"].Value);
        Assert.Contains("js-paused", Header(backfill));
        Assert.Contains("hello is paused: its 2 queued run(s) wait", backfill.Html);

        var unpaused = await session.SubmitAsync(pipeline, $"{PipelinePath}/unpause");
        var again = await session.GetAsync(unpaused.Location!.OriginalString);
        Assert.DoesNotContain("js-paused", again.Html);
        Assert.Contains($"action=\"{PipelinePath}/pause\"", again.Html);
        var trail = await factory.Services.GetRequiredService<AuditTrail>().ListAsync("hello", 10, Ct);
        Assert.Equal(["pipeline.unpause", "backfill.create", "run.start", "run.trigger", "pipeline.pause"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("dashboard:127.0.0.1", a.Actor));
    }

    [Fact]
    public async Task An_unknown_backfill_is_a_404_page_and_an_unknown_pipeline_has_no_backfills_page()
    {
        await using var factory = Host();
        using var session = DashboardSession.Open(factory);

        var backfill = await session.GetAsync($"/hangfire/pipelines/backfills/{Guid.Empty}");
        var list = await session.GetAsync("/hangfire/pipelines/nope/backfills");

        Assert.Equal(HttpStatusCode.NotFound, backfill.Status);
        Assert.Contains($"There is no backfill {Guid.Empty}.", backfill.Html);
        Assert.Equal(HttpStatusCode.NotFound, list.Status);
        Assert.Contains("There is no pipeline named &#39;nope&#39;.", list.Html);
    }

    /// <summary>The run failed in its first task, as a failed attempt leaves it.</summary>
    private static async Task FailAsync(PipelineWebFactory factory, Guid runId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<RunStoreContext>>().CreateDbContextAsync(Ct);
        var run = await db.Runs.Include(r => r.Tasks).SingleAsync(r => r.Id == runId, Ct);
        run.State = RunState.Failed;
        run.FinishedAt = DateTime.UtcNow;
        foreach (var task in run.Tasks)
            task.State = task.Task == "pick_greeting" ? TaskState.Failed : TaskState.UpstreamFailed;
        await db.SaveChangesAsync(Ct);
    }

    private static int Count(DashboardSession.Page page, RunState state) =>
        int.Parse(Regex.Match(page.Html, $"<td class=\"text-center\" data-state=\"{state}\">(?<n>[0-9,]+)</td>").Groups["n"].Value.Replace(",", ""));

    /// <summary>The audit table's rows, newest first: what was done, by whom, through what (and from where, checked apart).</summary>
    private static List<(string Action, string Who, string Via)> Audit(DashboardSession.Page page) =>
        AuditRow().Matches(page.Html)
            .Select(m => (m.Groups["action"].Value, WebUtility.HtmlDecode(m.Groups["who"].Value), m.Groups["via"].Value)).ToList();

    private static List<string> AuditAddresses(DashboardSession.Page page) =>
        AuditRow().Matches(page.Html).Select(m => WebUtility.HtmlDecode(m.Groups["address"].Value)).ToList();

    private static string Header(DashboardSession.Page page) =>
        Regex.Match(page.Html, "<h1 class=\"page-header\">.*?</h1>", RegexOptions.Singleline).Value;

    [GeneratedRegex("<tr data-action=\"(?<action>[^\"]+)\"><td[^>]*>[^<]*</td><td class=\"js-audit-actor\"[^>]*>(?<who>[^<]*)</td><td class=\"min-width\">(?<via>[^<]*)</td>" +
                    "<td class=\"min-width js-audit-address\">(?<address>.*?)</td>")]
    private static partial Regex AuditRow();

    [GeneratedRegex("href=\"(?<path>/hangfire/pipelines/backfills/[0-9a-f-]{36})\"")]
    private static partial Regex BackfillLinks();
}
