using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Support.RunHistory;

namespace Pipeline.Tests.Dashboard;

/// <summary>The partition calendar in headless Chromium: choosing days with the mouse or the keyboard, and backfilling them.</summary>
public sealed class PartitionCalendarBrowserTests(PartitionCalendarBrowserTests.Host browser) : IClassFixture<PartitionCalendarBrowserTests.Host>
{
    /// <summary>No workers: the runs a backfill creates stay queued, so the test sees exactly what was created.</summary>
    public sealed class Host : BrowserHost
    {
        protected override void Configure(PipelineWebFactory host) => host.Settings["Engine:WorkerCount"] = "0";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_day_from_the_first_partition_to_today_is_a_cell_coloured_by_its_latest_run()
    {
        var noon = new DateTime(2025, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        await SeedAsync(browser.Services, "hello",
            [new(new DateOnly(2023, 2, 1), RunState.Succeeded, noon), new(new DateOnly(2023, 2, 2), RunState.Failed, noon)], Ct);
        // The page's last day is the day it was drawn on: opened again if UTC midnight passed while it was drawn.
        DateOnly today;
        IPage page;
        do
        {
            today = DateOnly.FromDateTime(DateTime.UtcNow);
            page = await browser.OpenAsync("/pipelines/hello");
        }
        while (DateOnly.FromDateTime(DateTime.UtcNow) != today);

        var cells = page.Locator("#partition-calendar .cal-day");
        Assert.Equal(today.DayNumber - new DateOnly(2023, 1, 1).DayNumber + 1, await cells.CountAsync());
        Assert.Equal("2023-01-01", await cells.First.GetAttributeAsync("data-day"));
        Assert.Equal("Succeeded", await page.Locator("#partition-calendar [data-day='2023-02-01']").GetAttributeAsync("data-state"));
        Assert.Equal("Failed", await page.Locator("#partition-calendar [data-day='2023-02-02']").GetAttributeAsync("data-state"));
        Assert.Equal("NeverRun", await page.Locator("#partition-calendar [data-day='2023-02-03']").GetAttributeAsync("data-state"));
        Assert.Equal(today.Year - 2023 + 1, await page.Locator("#partition-calendar .calendar-year").CountAsync());
        // Each month is named above the week of its 1st.
        var months = page.Locator("#partition-calendar .calendar-year").First.Locator(".calendar-months span");
        Assert.Equal(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], await months.AllTextContentsAsync());
        // Measured in one go in the page: the live refresh may swap the calendar for a fresh copy between two calls.
        var at = await page.EvaluateAsync<double[]>("""
            () => {
                const box = e => e.getBoundingClientRect();
                const june = box(document.querySelectorAll('#partition-calendar .calendar-year')[0].querySelectorAll('.calendar-months span')[5]);
                const first = box(document.querySelector("#partition-calendar .cal-day[data-day='2023-06-01']"));
                const monday = box(document.querySelector("#partition-calendar .cal-day[data-day='2023-05-29']"));
                return [june.left, first.left, june.bottom, monday.top];
            }
            """);
        Assert.Equal(at[1], at[0], 0.5); // June's name starts where 2023-06-01's column does
        Assert.True(at[2] <= at[3], "the month's name is above its first week");
        Assert.False(await BrowserHost.ScrollsSidewaysAsync(page));
    }

    [Fact]
    public async Task Selecting_5_days_and_pressing_Backfill_selected_creates_exactly_those_5_runs()
    {
        var page = await browser.OpenAsync("/pipelines/hello");

        await Day(page, "2023-03-10").ClickAsync();
        await Day(page, "2023-03-14").ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Shift] });
        Assert.Equal(5, await page.Locator("#partition-calendar .cal-day.selected").CountAsync());
        Assert.Equal("2023-03-10", await page.Locator(".js-backfill-from").InputValueAsync());
        Assert.Equal("2023-03-14", await page.Locator(".js-backfill-to").InputValueAsync());
        await page.Locator(".js-backfill-all").ClickAsync();

        Assert.Equal(["2023-03-10", "2023-03-11", "2023-03-12", "2023-03-13", "2023-03-14"], await BackfilledDaysAsync(page));
    }

    [Fact]
    public async Task Dragging_over_days_then_Backfill_failed_and_missing_runs_only_those_that_need_it()
    {
        var noon = new DateTime(2025, 5, 2, 12, 0, 0, DateTimeKind.Utc);
        await SeedAsync(browser.Services, "hello",
        [
            new(new DateOnly(2023, 4, 1), RunState.Succeeded, noon),
            new(new DateOnly(2023, 4, 2), RunState.Failed, noon),
            new(new DateOnly(2023, 4, 4), RunState.Succeeded, noon),
        ], Ct);
        var page = await browser.OpenAsync("/pipelines/hello");

        await Day(page, "2023-04-01").HoverAsync();
        await page.Mouse.DownAsync();
        await Day(page, "2023-04-03").HoverAsync();
        await Day(page, "2023-04-05").HoverAsync();
        await page.Mouse.UpAsync();
        Assert.Contains("5 days selected", await page.Locator("#calendar-selection").TextContentAsync());
        await page.Locator(".js-backfill-needed").ClickAsync();

        Assert.Equal(["2023-04-02", "2023-04-03", "2023-04-05"], await BackfilledDaysAsync(page));
    }

    [Fact]
    public async Task By_keyboard_arrows_move_space_and_shift_space_select_and_enter_opens_the_days_run()
    {
        var noon = new DateTime(2025, 5, 3, 12, 0, 0, DateTimeKind.Utc);
        var ids = await SeedAsync(browser.Services, "hello", [new(new DateOnly(2023, 6, 12), RunState.Succeeded, noon)], Ct);
        var page = await browser.OpenAsync("/pipelines/hello");
        await Day(page, "2023-06-10").FocusAsync();

        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Shift+Space");

        Assert.Equal("2023-06-10", await page.Locator(".js-backfill-from").InputValueAsync());
        Assert.Equal("2023-06-12", await page.Locator(".js-backfill-to").InputValueAsync());
        Assert.Equal("2023-06-12", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-day')"));
        await BrowserHost.PressAndFollowAsync(page, "Enter", $"**/pipelines/runs/{ids[0]}");
        Assert.Contains("hello", await page.Locator("h1.page-header").TextContentAsync());
    }

    private static ILocator Day(IPage page, string day) => page.Locator($"#partition-calendar .cal-day[data-day='{day}']");

    /// <summary>After the form's redirect: the days of the runs the backfill named in the address created.</summary>
    private async Task<string[]> BackfilledDaysAsync(IPage page)
    {
        await page.WaitForURLAsync("**/pipelines/hello?backfill=*");
        var backfill = Guid.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["backfill"]!);
        var runs = await browser.Services.GetRequiredService<RunQueries>().ListAsync("hello", null, null, 1, 500, Ct);
        return runs.Items.Where(r => r.BackfillId == backfill).Select(r => r.Partition!).Order(StringComparer.Ordinal).ToArray();
    }
}
