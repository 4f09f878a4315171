using System.Text.Json;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Support.RunHistory;

namespace Pipeline.Tests.Api;

/// <summary>
/// Paging through a pipeline's runs and days by following <c>next</c>, on both run stores: pages never overlap, miss
/// nothing, keep the list's order, and runs that arrive while a client pages do not shift the pages it has yet to read.
/// </summary>
public sealed class RunPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTime Noon = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly string FirstPage = $"/api/runs?pipeline={PagedHost.Pipeline}&pageSize=5";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Next_links_give_every_run_once_newest_first_and_new_runs_do_not_shift_the_pages(bool postgres)
    {
        await using var host = await PagedHost.StartAsync(postgres, new DateOnly(2024, 1, 1));
        // 23 runs, three at a time created at the same instant (as a backfill's are), so ties are broken by id.
        var seeded = Enumerable.Range(0, 23).Select(i => new Day(new DateOnly(2024, 1, 1).AddDays(i), i % 7 == 3 ? RunState.Failed : RunState.Succeeded, Noon.AddMinutes(i / 3))).ToList();
        var ids = await SeedAsync(host.Services, PagedHost.Pipeline, seeded, Ct);
        var expected = ids.Zip(seeded, (id, day) => (Id: id, day.CreatedAt))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id.ToString(), StringComparer.Ordinal).Select(r => r.Id).ToList();

        var pages = await WalkAsync(host.Client, FirstPage);

        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Ids.Count));
        Assert.Equal(expected, pages.SelectMany(p => p.Ids));
        Assert.All(pages, p => Assert.Equal(JsonValueKind.Null, p.Json.GetProperty("total").ValueKind));
        Assert.Equal(JsonValueKind.Null, pages[1].Json.GetProperty("pageNumber").ValueKind);
        // Asked by number, the second page is the same runs.
        var second = await host.Client.GetJsonAsync($"{FirstPage}&page=2");
        Assert.Equal(pages[1].Ids, Ids(second));
        Assert.Equal(pages[2].Link, second.GetProperty("next").GetString());

        // Two runs arrive after the client read two pages; the rest of its walk is unchanged, and a new walk starts with them.
        var newer = await SeedAsync(host.Services, PagedHost.Pipeline,
            [new(new DateOnly(2024, 2, 1), RunState.Succeeded, Noon.AddDays(1)), new(new DateOnly(2024, 2, 2), RunState.Failed, Noon.AddDays(1))], Ct);
        var rest = await WalkAsync(host.Client, pages[2].Link);
        Assert.Equal(pages.Skip(2).Select(p => p.Ids), rest.Select(p => p.Ids));
        var again = await WalkAsync(host.Client, FirstPage);
        Assert.Equal(newer.OrderByDescending(id => id.ToString(), StringComparer.Ordinal).Concat(expected), again.SelectMany(p => p.Ids));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Filters_stay_on_every_page(bool postgres)
    {
        await using var host = await PagedHost.StartAsync(postgres, new DateOnly(2024, 1, 1));
        var seeded = Enumerable.Range(0, 40).Select(i => new Day(new DateOnly(2024, 1, 1).AddDays(i % 4), i % 3 == 0 ? RunState.Failed : RunState.Succeeded, Noon.AddMinutes(i))).ToList();
        var ids = await SeedAsync(host.Services, PagedHost.Pipeline, seeded, Ct);
        var failedOnTheSecond = ids.Zip(seeded).Where(p => p.Second.State == RunState.Failed && p.Second.Partition == new DateOnly(2024, 1, 2))
            .OrderByDescending(p => p.Second.CreatedAt).Select(p => p.First).ToList();

        var pages = await WalkAsync(host.Client, $"/api/runs?pipeline={PagedHost.Pipeline}&state=failed&partition=2024-01-02&pageSize=1");

        Assert.Equal(failedOnTheSecond, pages.SelectMany(p => p.Ids));
        Assert.All(pages.Skip(1), p => Assert.Contains("state=failed", p.Link));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Partition_pages_follow_on_to_the_first_day_each_with_its_latest_run(bool postgres)
    {
        await using var host = await PagedHost.StartAsync(postgres, new DateOnly(2024, 1, 1));
        // Every other day has runs: the later run of the day decides its state, whichever order they were made in.
        var seeded = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            new Day(new DateOnly(2024, 1, 1).AddDays(2 * i), RunState.Failed, Noon.AddHours(i)),
            new Day(new DateOnly(2024, 1, 1).AddDays(2 * i), i % 2 == 0 ? RunState.Succeeded : RunState.Cancelled, Noon.AddHours(i).AddMinutes(1)),
        }).ToList();
        var ids = await SeedAsync(host.Services, PagedHost.Pipeline, seeded, Ct);

        var pages = await WalkAsync(host.Client, $"/api/pipelines/{PagedHost.Pipeline}/partitions?from=2024-01-01&to=2024-01-20&pageSize=6", "partition");

        Assert.Equal([6, 6, 6, 2], pages.Select(p => p.Json.GetProperty("items").GetArrayLength()));
        var days = pages.SelectMany(p => p.Json.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => new DateOnly(2024, 1, 20).AddDays(-i).ToString("yyyy-MM-dd")), days.Select(d => d.GetProperty("partition").GetString()));
        foreach (var day in days)
        {
            var date = DateOnly.Parse(day.GetProperty("partition").GetString()!);
            var runs = ids.Zip(seeded).Where(p => p.Second.Partition == date).ToList();
            if (runs.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, day.GetProperty("latestRunId").ValueKind);
                continue;
            }
            var latest = runs.MaxBy(p => p.Second.CreatedAt);
            Assert.Equal(latest.First, day.GetProperty("latestRunId").GetGuid());
            Assert.Equal(latest.Second.State.ToString(), day.GetProperty("state").GetString());
        }
    }

    private sealed record PageRead(string Link, JsonElement Json, IReadOnlyList<Guid> Ids);

    /// <summary>Reads the page at the link and every page its next links lead to.</summary>
    private static async Task<List<PageRead>> WalkAsync(HttpClient client, string link, string key = "id")
    {
        var pages = new List<PageRead>();
        for (string? next = link; next is not null; )
        {
            Assert.True(pages.Count < 100, "the next links go round in a circle");
            var page = await client.GetJsonAsync(next);
            pages.Add(new PageRead(next, page, key == "id" ? Ids(page) : []));
            next = page.GetProperty("next").GetString();
        }
        return pages;
    }

    private static List<Guid> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
}
