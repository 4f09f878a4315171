using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Tests.Engine;

/// <summary>Engine:InlineBudget bounds how long one Hangfire job goes on with inline work; with none, every task gets a job.</summary>
public sealed class InlineBudgetTests(NoInlineBudgetEmbeddedFixture engine) : IClassFixture<NoInlineBudgetEmbeddedFixture>
{
    [Fact]
    public async Task With_no_inline_budget_every_task_of_a_chain_and_of_the_next_run_gets_a_hangfire_job_of_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var backfill = await engine.Requests.BackfillAsync("serial", "2024-03-01", "2024-03-02", "test", ct);

        var runs = new List<RunDetail>();
        foreach (var id in backfill.RunIds) runs.Add(await engine.WaitForEndAsync(id));

        Assert.All(runs, r => Assert.Equal(RunState.Succeeded, r.Run.State));
        var jobs = runs.SelectMany(r => r.Tasks).Select(t => t.HangfireJobId).ToList();
        Assert.Equal(4, jobs.Count);
        Assert.Equal(4, jobs.Distinct().Count());
    }
}
