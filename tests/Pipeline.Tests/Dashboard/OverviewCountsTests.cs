using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Jobs.Hello;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The overview counts a pipeline's failed and late days from the days that can be either (not from a row per day of its
/// history): on both run stores it gives what the calendar shows, on days re-run after a failure or a success, cancelled,
/// tied in creation time, still open, never run, and just before a deadline.
/// </summary>
public sealed class OverviewCountsTests
{
    private const string Name = "daily";
    private static readonly DateOnly First = new(2025, 1, 1);
    // One second before 19 January's deadline (06:00 UTC on the 20th): the 18th is late if not done, the 19th not yet.
    private static readonly DateTimeOffset Now = new(2025, 1, 20, 5, 59, 59, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Failed_and_late_days_are_counted_as_the_calendar_shows_them(bool postgres)
    {
        await using var database = postgres ? await PostgresDatabase.CreateAsync("overview_counts") : null;
        await using var factory = new PipelineWebFactory
        {
            Settings = { ["Engine:WorkerCount"] = "0", [$"Notifications:Pipelines:{Name}:FreshBy"] = "06:00:00" },
        };
        if (database is not null) factory.Settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        var daily = new PipelineBuilder(Name).PartitionedDaily(First).Task<PickGreeting>("extract").Build();
        // A clock held still: the host's periodic work waits on it, so nothing moves the seeded open runs.
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s
            .AddSingleton(new PipelineCatalog([daily]))
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        using var session = new DashboardSession(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        DateTime At(int day, int hour) => new(2025, 1, day, hour, 0, 0, DateTimeKind.Utc);
        RunHistory.Day Run(int day, RunState state, int hour) => new(new DateOnly(2025, 1, day), state, At(day, hour));
        await RunHistory.SeedAsync(host.Services, Name,
        [
            Run(1, RunState.Failed, 10), Run(1, RunState.Succeeded, 11),  // re-run after a failure: done
            Run(2, RunState.Succeeded, 10), Run(2, RunState.Failed, 11),  // re-run after a success: failed
            Run(3, RunState.Failed, 10), Run(3, RunState.Cancelled, 11),  // cancelled: neither
            Run(4, RunState.Failed, 10), Run(4, RunState.Succeeded, 10),  // created at the same instant: the id decides
            Run(5, RunState.Failed, 10),
            Run(6, RunState.Queued, 10),                                  // open past its deadline: late
            Run(7, RunState.Running, 10),
            Run(8, RunState.Succeeded, 10),
            Run(19, RunState.Queued, 10),                                 // open, deadline not yet passed: neither
        ], Ct);                                                           // 9 to 18 never run: late; 20 (today) never run: neither

        var partitions = host.Services.GetRequiredService<PartitionQueries>();
        var calendar = await partitions.DaysAsync(daily, First, new DateOnly(2025, 1, 20), Ct);
        var counts = await partitions.CountsAsync(daily, First, new DateOnly(2025, 1, 20), Ct);
        var page = await session.GetAsync("/hangfire/pipelines");

        var tieFailed = calendar.Single(d => d.Partition == "2025-01-04").Status == PartitionState.Failed ? 1 : 0;
        Assert.Equal((2 + tieFailed, 12), counts);
        Assert.Equal((calendar.Count(d => d.Status == PartitionState.Failed), calendar.Count(d => d.Status == PartitionState.Late)), counts);
        Assert.Equal(PartitionState.Queued, calendar.Single(d => d.Partition == "2025-01-19").Status);
        var row = Regex.Match(page.Html, $"<tr data-pipeline=\"{Name}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches($"js-failed\"><span class=\"label label-danger\">{2 + tieFailed}</span>", row);
        Assert.Matches("js-late\"><span class=\"label label-warning\">12</span>", row);
    }
}
