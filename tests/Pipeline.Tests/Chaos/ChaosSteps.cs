using System.Net.Http.Json;
using Pipeline.HostControl;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Chaos;

/// <summary>The steps every fault test takes: start a backfill, pick the moment, wait for the end.</summary>
public static class ChaosSteps
{
    public static async Task BackfillAsync(SchedulerProcess host, string from, string to, string pipeline = "wind-etl")
    {
        using var response = await host.Http.PostAsJsonAsync($"/api/pipelines/{pipeline}/backfills", new { from, to }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"backfill refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The moment to strike: some runs have succeeded and the victim holds at least one running attempt.</summary>
    public static Task WaitForMomentAsync(RunStoreProbe store, string pipeline, int succeeded, SchedulerProcess victim) =>
        Eventually.ReturnsAsync(
            async () => (Succeeded: await store.RunsAsync(pipeline, "Succeeded", TestContext.Current.CancellationToken), Running: await store.RunningOnAsync(victim.HostNamePart, TestContext.Current.CancellationToken)),
            s => s.Succeeded >= succeeded && s.Running > 0,
            TimeSpan.FromSeconds(120), $"{succeeded} {pipeline} runs to succeed while host {victim.Id} runs a task");

    /// <summary>
    /// Kills the victim (SIGKILL) at a moment when it holds running attempts, and returns how many it held at its death:
    /// the attempts that must come back as lost. The host is frozen first and looked at, and when it holds nothing at
    /// that instant it is thawed and the moment awaited again.
    /// </summary>
    public static async Task<long> KillWhileRunningAsync(RunStoreProbe store, string pipeline, int succeeded, SchedulerProcess victim)
    {
        for (var tries = 0; tries < 50; tries++)
        {
            await WaitForMomentAsync(store, pipeline, succeeded, victim);
            victim.Freeze();
            var held = await store.RunningOnAsync(victim.HostNamePart, TestContext.Current.CancellationToken);
            if (held == 0)
            {
                victim.Thaw();
                continue;
            }
            await victim.KillAsync(TestContext.Current.CancellationToken);
            // Counted again once it is dead: a commit it had sent as it froze may have landed after the first look.
            return await store.RunningOnAsync(victim.HostNamePart, TestContext.Current.CancellationToken);
        }
        throw new InvalidOperationException($"Host {victim.Id} never held a running attempt when frozen.");
    }

    /// <summary>Waits until every run of the backfill has ended, and says on which host's output when it does not.</summary>
    public static async Task WaitForRunsAsync(RunStoreProbe store, string pipeline, int runs, SchedulerProcess survivor, int seconds = 180)
    {
        try
        {
            await Eventually.ReturnsAsync(
                async () => await store.RunsAsync(pipeline, "Succeeded", TestContext.Current.CancellationToken) + await store.RunsAsync(pipeline, "Failed", TestContext.Current.CancellationToken) + await store.RunsAsync(pipeline, "Cancelled", TestContext.Current.CancellationToken),
                ended => ended == runs, TimeSpan.FromSeconds(seconds), $"all {runs} {pipeline} runs to end");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}{Environment.NewLine}Host output:{Environment.NewLine}{survivor.OutputTail}", timeout);
        }
    }
}
