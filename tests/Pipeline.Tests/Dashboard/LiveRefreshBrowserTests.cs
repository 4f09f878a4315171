using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// Pages follow a run by themselves: the new state shows within 2 s, without reloading the page. The 2 s is a figure
/// on the clock, so the class runs alone (<see cref="WallClockCollection"/>).
/// </summary>
[Collection(WallClockCollection.Name)]
public sealed class LiveRefreshBrowserTests(BrowserHost browser) : IClassFixture<BrowserHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pipeline_page_shows_a_tasks_new_state_within_2_s_without_a_reload_or_a_jump()
    {
        // The run waits (its pipeline paused) until the page is open: on a loaded machine the page took longer to open
        // than the run to end, and then there was nothing left to follow.
        var pauses = browser.Services.GetRequiredService<PipelinePauses>();
        var tester = new Actor("test:live-refresh");
        await pauses.PauseAsync("hello", tester, Ct);
        Guid runId;
        IPage page;
        try
        {
            runId = await browser.Services.GetRequiredService<RunRequests>().TriggerAsync("hello", "2023-07-01", null, "test", null, Ct);
            page = await browser.OpenAsync("/pipelines/hello");
            var combine = page.Locator($"a.grid-cell[data-run='{runId}'][data-task='combine']");
            Assert.Equal("Pending", await combine.GetAttributeAsync("data-state"));
            Assert.Equal("true", await page.Locator(".js-live").GetAttributeAsync("data-live"));
            await page.EvaluateAsync("() => { window.refreshTestMark = 'still here'; window.scrollTo(0, 300); }");
        }
        finally
        {
            await pauses.UnpauseAsync("hello", tester, Ct);
        }

        await Eventually.ReturnsAsync(() => browser.Services.GetRequiredService<RunQueries>().GetAsync(runId, Ct),
            r => r!.Tasks.Single(t => t.Task == "combine").State == TaskState.Succeeded, TimeSpan.FromSeconds(60), "combine to succeed");
        var clock = Stopwatch.StartNew();
        await page.WaitForFunctionAsync(
            $"() => document.querySelector(\"a.grid-cell[data-run='{runId}'][data-task='combine']\").getAttribute('data-state') === 'Succeeded'",
            null, new PageWaitForFunctionOptions { Timeout = 2000, PollingInterval = 50 });

        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(2), $"the page took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.refreshTestMark"));
        Assert.Equal(300, await page.EvaluateAsync<int>("() => Math.round(window.scrollY)"));
        await Eventually.ReturnsAsync(() => page.Locator(".js-live").GetAttributeAsync("data-live"), l => l == "false",
            TimeSpan.FromSeconds(10), "the page to stop refreshing once nothing runs");
    }

    [Fact]
    public async Task The_run_page_follows_its_run_to_the_end_without_a_reload()
    {
        var runId = await browser.Services.GetRequiredService<RunRequests>().TriggerAsync("hello", "2023-07-02", null, "test", null, Ct);
        var page = await browser.OpenAsync($"/pipelines/runs/{runId}");
        await page.EvaluateAsync("() => { window.refreshTestMark = 'still here'; }");

        await page.WaitForFunctionAsync("() => document.querySelector('.js-run-state').getAttribute('data-state') === 'Succeeded'",
            null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });

        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.refreshTestMark"));
        Assert.Equal("false", await page.Locator(".js-live").GetAttributeAsync("data-live"));
    }
}
