using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>A backfill's page in headless Chromium: its progress bar moves by itself, and its Cancel button stops the backfill.</summary>
public sealed class BackfillPageBrowserTests(BrowserHost browser) : IClassFixture<BrowserHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_progress_bar_moves_without_a_reload_and_Cancel_cancels_the_runs_left()
    {
        // Two runs at a time, each at least two seconds (greet_team retries once): 40 days cannot end before the test cancels.
        var backfill = await browser.Services.GetRequiredService<RunRequests>().BackfillAsync("hello", "2023-08-01", "2023-09-09", null, "test",
            new BackfillSettings(new Actor("test:browser"), MaxConcurrentRuns: 2), Ct);
        var page = await browser.OpenAsync($"/pipelines/backfills/{backfill.BackfillId}");
        var bar = page.Locator(".js-backfill-progress");
        Assert.Equal("40", await bar.GetAttributeAsync("data-total"));
        var finishedAtOpen = int.Parse((await bar.GetAttributeAsync("data-finished"))!);
        await page.EvaluateAsync("() => { window.refreshTestMark = 'still here'; }");

        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector('.js-backfill-progress').getAttribute('data-finished')) > {finishedAtOpen}",
            null, new PageWaitForFunctionOptions { Timeout = (float)Deadline.TotalMilliseconds, PollingInterval = 100 });
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.refreshTestMark"));
        Assert.NotEqual("0", await bar.GetAttributeAsync("aria-valuenow"));
        Assert.Equal("true", await page.Locator(".js-live").GetAttributeAsync("data-live"));
        Assert.False(await BrowserHost.ScrollsSidewaysAsync(page));

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator(".js-cancel-backfill").ClickAsync();
        await page.WaitForURLAsync(new Regex("/pipelines/backfills/[0-9a-f-]{36}\\?cancelled="),
            new PageWaitForURLOptions { Timeout = (float)Deadline.TotalMilliseconds });

        Assert.Equal("Cancelled", await page.Locator(".js-backfill-state").GetAttributeAsync("data-state"));
        Assert.Contains("Cancelled", await page.Locator(".alert-success").TextContentAsync());
        var cancelledShown = int.Parse((await page.Locator("td[data-state='Cancelled']").TextContentAsync())!);
        Assert.True(cancelledShown > 0, "the page counts the cancelled runs");
        Assert.Equal("backfill.cancel", await page.Locator(".js-audit tr[data-action]").First.GetAttributeAsync("data-action"));
        Assert.Equal(0, await page.Locator(".js-cancel-backfill").CountAsync());
        Assert.Equal("false", await page.Locator(".js-live").GetAttributeAsync("data-live"));

        // What the page says is what the store holds: every run ended, and those it counts as cancelled are.
        var states = await browser.Services.GetRequiredService<RunQueries>().BackfillStatesAsync(backfill.BackfillId, Ct);
        Assert.Equal(0, states.GetValueOrDefault(RunState.Queued) + states.GetValueOrDefault(RunState.Running));
        Assert.Equal(cancelledShown, states.GetValueOrDefault(RunState.Cancelled));
        Assert.Equal(40, states.Values.Sum());
    }
}
