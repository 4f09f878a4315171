using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine.Controls;

/// <summary>A pause is a row of the run store: every host sharing it sees it, and a restart keeps it.</summary>
public sealed class PauseAcrossHostsTests
{
    private static readonly Actor Tester = new("test:operator");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Paused on first deploy; once someone changes it, the setting no longer decides.
    private static readonly Dictionary<string, string?> PausedOnFirstDeploy = new() { ["Pipelines:scheduled:Paused"] = "true" };

    [Fact]
    public async Task On_postgres_a_second_host_and_a_restarted_one_see_the_pauses_the_first_host_made()
    {
        await using var database = await PostgresDatabase.CreateAsync("pause");
        using var data = new TempDirectory();
        var first = await EngineHost.StartAsync(database.ConnectionString, data.Path, PausedOnFirstDeploy);
        IHost? second = null;
        try
        {
            Assert.Equal(["scheduled"], await PausedAsync(first));
            await Pauses(first).UnpauseAsync("scheduled", Tester, Ct);
            await Pauses(first).PauseAsync("daily", Tester, Ct);

            second = await EngineHost.StartAsync(database.ConnectionString, data.Path, PausedOnFirstDeploy);
            Assert.Equal(["daily"], await PausedAsync(second));
            var waiting = await second.Services.GetRequiredService<RunRequests>().TriggerAsync("daily", "2024-01-05", null, "api", null, Ct);
            Assert.Equal(RunState.Queued, (await second.Services.GetRequiredService<RunQueries>().GetAsync(waiting, Ct))!.Run.State);

            await second.ShutDownAsync();
            second = null;
            await first.ShutDownAsync();
            first = await EngineHost.StartAsync(database.ConnectionString, data.Path, PausedOnFirstDeploy);
            Assert.Equal(["daily"], await PausedAsync(first));
            Assert.Equal(RunState.Queued, (await first.Services.GetRequiredService<RunQueries>().GetAsync(waiting, Ct))!.Run.State);
        }
        finally
        {
            if (second is not null) await second.ShutDownAsync();
            await first.ShutDownAsync();
        }
    }

    [Fact]
    public async Task Embedded_a_restart_keeps_the_pause_and_a_setting_only_applies_on_first_deploy()
    {
        using var data = new TempDirectory();
        var host = await EngineHost.StartAsync(null, data.Path, PausedOnFirstDeploy);
        try
        {
            Assert.Equal(["scheduled"], await PausedAsync(host));
            await Pauses(host).UnpauseAsync("scheduled", Tester, Ct);
            await Pauses(host).PauseAsync("daily", Tester, Ct);

            await host.ShutDownAsync();
            host = await EngineHost.StartAsync(null, data.Path, PausedOnFirstDeploy);

            Assert.Equal(["daily"], await PausedAsync(host));
            Assert.False((await host.Services.GetRequiredService<PipelineQueries>().GetAsync("scheduled", Ct))!.Paused);
        }
        finally
        {
            await host.ShutDownAsync();
        }
    }

    [Fact]
    public async Task A_setting_for_a_pipeline_that_does_not_exist_stops_the_host_with_its_name()
    {
        using var data = new TempDirectory();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            EngineHost.StartAsync(null, data.Path, new Dictionary<string, string?> { ["Pipelines:sheduled:Paused"] = "true" }));

        Assert.Contains("'sheduled'", refused.Message);
    }

    private static PipelinePauses Pauses(IHost host) => host.Services.GetRequiredService<PipelinePauses>();

    private static async Task<string[]> PausedAsync(IHost host) =>
        (await Pauses(host).PausedAsync(Ct)).Order().ToArray();
}
