using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>The run page's timeline in headless Chromium: one bar per attempt on a shared axis, retries apart.</summary>
public sealed class RunTimelineBrowserTests(BrowserHost browser) : IClassFixture<BrowserHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retried_task_shows_as_two_bars_the_retry_after_the_failure_on_the_runs_time_axis()
    {
        var runId = await browser.Services.GetRequiredService<RunRequests>().TriggerAsync("hello", "2023-08-01", null, "test", null, Ct);
        var run = await Eventually.ReturnsAsync(() => browser.Services.GetRequiredService<RunQueries>().GetAsync(runId, Ct),
            r => r!.Run.State.ToString() == "Succeeded", TimeSpan.FromSeconds(60), "the hello run to succeed");

        var page = await browser.OpenAsync($"/pipelines/runs/{runId}");

        var rows = page.Locator("#run-timeline .tl-row");
        Assert.Equal(run!.Tasks.Sum(t => t.AttemptHistory.Count), await rows.CountAsync());
        var greetTeam = page.Locator("#run-timeline .tl-row[data-task='greet_team']");
        Assert.Equal(["Failed", "Succeeded"], await greetTeam.EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-outcome'))"));
        var first = (await greetTeam.Nth(0).Locator(".tl-run").BoundingBoxAsync())!;
        var retry = (await greetTeam.Nth(1).Locator(".tl-run").BoundingBoxAsync())!;
        Assert.True(retry.X >= first.X + first.Width - 1, "the retry's bar starts before the failed attempt's ends");
        var combine = (await page.Locator("#run-timeline .tl-row[data-task='combine'] .tl-run").BoundingBoxAsync())!;
        // combine starts the instant the retry ends (it runs next in the retry's Hangfire job), and a bar is drawn at least
        // 2 px wide (RunTimelineSvg), so a retry shorter than that may end up to 2 px before its bar does.
        Assert.True(combine.X >= retry.X + retry.Width - 2, "combine ran before greet_team's retry ended");
        Assert.False(await BrowserHost.ScrollsSidewaysAsync(page));
    }
}
