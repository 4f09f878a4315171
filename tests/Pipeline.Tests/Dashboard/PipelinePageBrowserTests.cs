using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Tests.Support.RunHistory;

namespace Pipeline.Tests.Dashboard;

/// <summary>The pipeline page in headless Chromium: the DAG graph, the runs-by-tasks grid, and getting around by keyboard.</summary>
public sealed class PipelinePageBrowserTests(BrowserHost browser) : IClassFixture<BrowserHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_shipped_pipelines_graph_has_one_node_per_task_and_one_arrow_per_dependency_without_overlaps()
    {
        var catalog = browser.Services.GetRequiredService<PipelineCatalog>();
        Assert.NotEmpty(catalog.All);
        foreach (var pipeline in catalog.All)
        {
            var page = await browser.OpenAsync($"/pipelines/{pipeline.Name}");

            var nodes = await page.Locator("svg.dag .dag-node").EvaluateAllAsync<string[]>("ns => ns.map(n => n.getAttribute('data-task'))");
            Assert.Equal(pipeline.Tasks.Select(t => t.Name).Order(), nodes.Order());
            var edges = await page.Locator("svg.dag .dag-edge").EvaluateAllAsync<string[]>("es => es.map(e => e.getAttribute('data-from') + '->' + e.getAttribute('data-to'))");
            Assert.Equal(pipeline.Tasks.SelectMany(t => t.Upstream.Select(u => $"{u}->{t.Name}")).Order(), edges.Order());
            Assert.Equal(edges.Length, await page.Locator("svg.dag .dag-edge[marker-end]").CountAsync());

            var boxes = new List<LocatorBoundingBoxResult>();
            foreach (var node in await page.Locator("svg.dag .dag-node rect").AllAsync())
                boxes.Add((await node.BoundingBoxAsync())!);
            foreach (var (a, i) in boxes.Select((b, i) => (b, i)))
                foreach (var b in boxes.Skip(i + 1))
                    Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height,
                        $"{pipeline.Name}: two task boxes overlap");
            Assert.False(await BrowserHost.ScrollsSidewaysAsync(page), $"{pipeline.Name}: the page scrolls sideways at 1280x800");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_grids_cells_match_the_run_store_and_the_graph_takes_the_colours_of_the_run_picked()
    {
        var noon = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var seeded = await SeedAsync(browser.Services, "wind-etl",
        [
            new(new DateOnly(2024, 10, 1), RunState.Succeeded, noon, FirstTaskAttempts: 2),
            new(new DateOnly(2024, 10, 2), RunState.Failed, noon.AddMinutes(1)),
            new(new DateOnly(2024, 10, 3), RunState.Succeeded, noon.AddMinutes(2)),
        ], Ct);
        var page = await browser.OpenAsync("/pipelines/wind-etl");

        var queries = browser.Services.GetRequiredService<RunQueries>();
        var latest = (await queries.ListAsync("wind-etl", null, null, 1, 25, Ct)).Items;
        var cells = await page.Locator("#run-grid a.grid-cell").EvaluateAllAsync<string[]>(
            "cs => cs.map(c => c.getAttribute('data-run') + '/' + c.getAttribute('data-task') + '=' + c.getAttribute('data-state'))");
        var stored = new List<string>();
        foreach (var run in latest)
            stored.AddRange((await queries.GetAsync(run.Id, Ct))!.Tasks.Select(t => $"{run.Id}/{t.Task}={t.State}"));
        Assert.Equal(stored.Order(), cells.Order());
        // Hangfire's script turns titles into Bootstrap tooltips, which keep the text in data-original-title.
        var title = await page.Locator($"a.grid-cell[data-run='{seeded[0]}'][data-task='extract']")
            .EvaluateAsync<string>("c => c.getAttribute('data-original-title') || c.getAttribute('title')");
        Assert.Contains("attempt 2 of 3", title);
        Assert.Contains("#1 failed on seeded-host", title);
        Assert.Contains("#2 succeeded on seeded-host", title);

        await page.Locator($"a.run-bar-link[data-run='{seeded[1]}']").ClickAsync();

        await page.WaitForURLAsync($"**/pipelines/wind-etl?run={seeded[1]}#graph");
        Assert.Equal("Failed", await page.Locator("svg.dag .dag-node[data-task='extract']").GetAttributeAsync("data-state"));
        Assert.Equal("UpstreamFailed", await page.Locator("svg.dag .dag-node[data-task='load']").GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task A_grid_cell_is_reached_by_tab_and_enter_opens_that_tasks_log_in_its_run()
    {
        var noon = new DateTime(2025, 4, 1, 12, 0, 0, DateTimeKind.Utc);
        var seeded = await SeedAsync(browser.Services, "hello", [new(new DateOnly(2023, 5, 1), RunState.Succeeded, noon)], Ct);
        var page = await browser.OpenAsync("/pipelines/hello");
        var cell = page.Locator($"a.grid-cell[data-run='{seeded[0]}'][data-task='pick_greeting']");
        await cell.FocusAsync();

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("grid-cell state-succeeded", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('class')"));
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("pick_greeting", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-task')"));
        await BrowserHost.PressAndFollowAsync(page, "Enter", $"**/pipelines/runs/{seeded[0]}#log-pick_greeting");
        Assert.Contains("hello", await page.Locator("h1.page-header").TextContentAsync());
    }
}
