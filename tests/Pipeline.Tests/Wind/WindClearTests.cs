using System.Net;
using System.Net.Http.Json;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.WindTarget;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Api;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// Replaying a fixed transform over a range without extracting again (POST /api/pipelines/wind-etl/clear with
/// downstream): transform and load run again from the minutes extract staged, extract and check do not, and the
/// target ends as a clean run left it.
/// </summary>
public sealed class WindClearTests(WindWebFactory factory) : IClassFixture<WindWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2024, 10, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(3);

    [Fact]
    public async Task Clearing_transform_with_downstream_reruns_transform_and_load_only_and_the_target_equals_a_clean_run()
    {
        var backfill = await factory.Get<RunRequests>().BackfillAsync("wind-etl", "2024-10-10", "2024-10-12", "test", Ct);
        var before = new List<RunDetail>();
        foreach (var id in backfill.RunIds) before.Add(await factory.WaitForEndAsync(id));
        Assert.All(before, r => Assert.Equal(RunState.Succeeded, r.Run.State));
        var clean = await factory.DataAsync(Start, End);
        var staged = await factory.Get<WindTargetStore>().ReadStagedMinutesAsync(Start.UtcDateTime, End.UtcDateTime, Ct);
        Assert.Equal(3 * 1152, clean.Count);
        // What a transform with a bug published: every value off. Replaying the fixed transform must replace all of it.
        Assert.Equal(3 * 1152, await CorruptAsync());
        Assert.NotEqual(clean, await factory.DataAsync(Start, End));

        using var cleared = await factory.CreateClient().PostAsJsonAsync("/api/pipelines/wind-etl/clear",
            new { from = "2024-10-10", to = "2024-10-12", tasks = new[] { "transform" }, downstream = true, only = "all" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, cleared.StatusCode);
        var outcome = await cleared.ReadAsync();
        Assert.Equal(3, outcome.GetProperty("clearedRuns").GetInt32());
        Assert.Equal(6, outcome.GetProperty("clearedTasks").GetInt32());
        foreach (var first in before)
        {
            var after = await factory.WaitForEndAsync(first.Run.Id);
            Assert.Equal(RunState.Succeeded, after.Run.State);
            int Attempts(RunDetail run, string task) => run.Tasks.Single(t => t.Task == task).Attempts;
            Assert.Equal(Attempts(first, "extract"), Attempts(after, "extract"));
            Assert.Equal(Attempts(first, "check"), Attempts(after, "check"));
            Assert.Equal(Attempts(first, "transform") + 1, Attempts(after, "transform"));
            Assert.Equal(Attempts(first, "load") + 1, Attempts(after, "load"));
        }
        Assert.Equal(clean, await factory.DataAsync(Start, End));
        // Extract's output is as it was: nothing read the source again.
        Assert.Equal(staged, await factory.Get<WindTargetStore>().ReadStagedMinutesAsync(Start.UtcDateTime, End.UtcDateTime, Ct));
    }

    private Task<int> CorruptAsync() =>
        factory.Get<WindTargetStore>().Database.WithConnectionAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("UPDATE data SET value = value + 1000 WHERE timestamp >= @start AND timestamp < @end");
            command.Add("start", Start.UtcDateTime);
            command.Add("end", End.UtcDateTime);
            return await command.ExecuteNonQueryAsync(ct);
        }, Ct);
}
