using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Support.RunHistory;

namespace Pipeline.Tests.Api;

/// <summary>The reads behind the pipeline page (grid, partitions over a range) and backfills of only the days that need it.</summary>
public sealed class PipelineHistoryApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTime Noon = new(2025, 1, 10, 12, 0, 0, DateTimeKind.Utc);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Partitions_over_a_range_give_every_day_with_its_latest_runs_state_never_run_days_included()
    {
        var ids = await SeedAsync(factory.Services, "hello",
        [
            new(D("2023-06-01"), RunState.Succeeded, Noon),
            new(D("2023-06-02"), RunState.Succeeded, Noon),
            new(D("2023-06-02"), RunState.Failed, Noon.AddHours(1)),
            new(D("2023-06-03"), RunState.Failed, Noon),
            new(D("2023-06-03"), RunState.Succeeded, Noon.AddHours(1)),
        ], Ct);

        var page = await _client.GetJsonAsync("/api/pipelines/hello/partitions?from=2023-06-01&to=2023-06-05");

        var days = page.GetProperty("items").EnumerateArray()
            .Select(d => (d.GetProperty("partition").GetString(), d.GetProperty("status").GetString())).ToArray();
        Assert.Equal([("2023-06-05", "NeverRun"), ("2023-06-04", "NeverRun"), ("2023-06-03", "Succeeded"), ("2023-06-02", "Failed"), ("2023-06-01", "Succeeded")], days);
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        var failed = page.GetProperty("items")[3];
        Assert.Equal(ids[2], failed.GetProperty("latestRunId").GetGuid());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("items")[0].GetProperty("state").ValueKind);
    }

    [Theory]
    [InlineData("from=2023-02-30", "from", "not a date")]
    [InlineData("from=2022-12-31", "from", "before the first partition")]
    [InlineData("from=2023-06-05&to=2023-06-01", "to", "before 'from'")]
    [InlineData("to=2999-01-01", "to", "in the future")]
    [InlineData("pageSize=0", "pageSize", "between 1 and")]
    public async Task A_bad_partition_range_is_a_400_that_names_the_field(string query, string field, string expected)
    {
        using var response = await _client.GetAsync($"/api/pipelines/hello/partitions?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.ReadAsync()).GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task The_grid_has_the_latest_runs_oldest_first_and_each_cell_matches_the_run_store()
    {
        await SeedAsync(factory.Services, "hello",
        [
            new(D("2023-07-01"), RunState.Succeeded, Noon.AddDays(100), FirstTaskAttempts: 2),
            new(D("2023-07-02"), RunState.Failed, Noon.AddDays(100).AddMinutes(1)),
        ], Ct);
        // The third column is the latest run before the seeded two, which another test may have left running: its cells would
        // change between the grid's read and the store's below.
        var queries = factory.Services.GetRequiredService<RunQueries>();
        await Eventually.ReturnsAsync(() => queries.ListAsync("hello", null, null, 1, 3, Ct), page => page.Items.All(r => r.State.IsTerminal()),
            TimeSpan.FromSeconds(30), "the latest three runs to have ended");

        var grid = await _client.GetJsonAsync("/api/pipelines/hello/grid?runs=3");

        Assert.Equal(["pick_greeting", "greet_world", "greet_team", "combine"], grid.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
        var latest = (await queries.ListAsync("hello", null, null, 1, 3, Ct)).Items.Reverse().ToList();
        var columns = grid.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(latest.Select(r => r.Id), columns.Select(c => c.GetProperty("run").GetProperty("id").GetGuid()));
        foreach (var (column, run) in columns.Zip(latest))
        {
            var stored = (await queries.GetAsync(run.Id, Ct))!.Tasks.ToDictionary(t => t.Task);
            foreach (var cell in column.GetProperty("cells").EnumerateArray())
            {
                var task = stored[cell.GetProperty("task").GetString()!];
                Assert.Equal(task.State.ToString(), cell.GetProperty("state").GetString());
                Assert.Equal(task.Attempts, cell.GetProperty("attempts").GetInt32());
            }
            Assert.Equal(stored.Count, column.GetProperty("cells").GetArrayLength());
        }
    }

    [Fact]
    public async Task The_grid_refuses_a_run_count_out_of_range_and_an_unknown_pipeline()
    {
        using var tooMany = await _client.GetAsync("/api/pipelines/hello/grid?runs=101", Ct);
        using var unknown = await _client.GetAsync("/api/pipelines/nope/grid", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("between 1 and 100", (await tooMany.ReadAsync()).GetProperty("errors").GetProperty("runs")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_backfill_of_failed_or_missing_days_runs_exactly_those_days()
    {
        await SeedAsync(factory.Services, "hello",
        [
            new(D("2023-08-01"), RunState.Succeeded, Noon),
            new(D("2023-08-02"), RunState.Failed, Noon),
            new(D("2023-08-04"), RunState.Failed, Noon),
            new(D("2023-08-04"), RunState.Succeeded, Noon.AddHours(1)),
        ], Ct);

        Assert.Equal(["2023-08-02", "2023-08-03"], await BackfilledDaysAsync("2023-08-01", "2023-08-04", "failed-or-missing"));
    }

    [Fact]
    public async Task A_backfill_of_failed_days_or_of_missing_days_runs_only_those()
    {
        await SeedAsync(factory.Services, "hello",
        [
            new(D("2023-09-01"), RunState.Failed, Noon),
            new(D("2023-09-03"), RunState.Succeeded, Noon),
            new(D("2023-09-11"), RunState.Failed, Noon),
            new(D("2023-09-13"), RunState.Succeeded, Noon),
        ], Ct);

        Assert.Equal(["2023-09-01"], await BackfilledDaysAsync("2023-09-01", "2023-09-03", "failed"));
        Assert.Equal(["2023-09-12"], await BackfilledDaysAsync("2023-09-11", "2023-09-13", "missing"));
        Assert.Empty(await BackfilledDaysAsync("2023-09-13", "2023-09-13", "failed-or-missing"));
    }

    [Fact]
    public async Task A_backfill_with_an_unknown_only_is_a_400_that_names_it()
    {
        using var response = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from = "2023-10-01", to = "2023-10-02", only = "broken" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'failed-or-missing'", (await response.ReadAsync()).GetProperty("errors").GetProperty("only")[0].GetString());
    }

    private async Task<string[]> BackfilledDaysAsync(string from, string to, string only)
    {
        using var response = await _client.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from, to, only }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.ReadAsync();
        var days = new List<string>();
        foreach (var id in created.GetProperty("runIds").EnumerateArray())
            days.Add((await _client.GetJsonAsync($"/api/runs/{id.GetGuid()}")).GetProperty("run").GetProperty("partition").GetString()!);
        return days.Order(StringComparer.Ordinal).ToArray();
    }

    private static DateOnly D(string day) => DateOnly.Parse(day);
}
