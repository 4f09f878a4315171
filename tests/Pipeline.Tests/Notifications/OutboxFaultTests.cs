using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.HostControl;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// The outbox when hosts die, with real Scheduler processes on PostgreSQL: a breweries run fails (its API points at a
/// closed port, one attempt per task) and the host that owes its webhook is killed (SIGKILL) between deliveries or
/// frozen (SIGSTOP) in the middle of one and then killed. The failure is told once the next host takes over: exactly
/// once when the dead host's calls were refused, twice when the receiver had accepted its call before the host died
/// (delivery is at least once; the webhook carries the run id and event for a receiver to drop the second). Each host
/// calls the receiver at an address of its own, so the receiver answers each host as the test says.
/// </summary>
public sealed class OutboxFaultTests
{
    private const string Pipeline = "breweries";
    private const string PublicBaseUrl = "https://pipeline.example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DeliveryLease = TimeSpan.FromSeconds(6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Host_killed_between_delivery_attempts_its_webhook_is_delivered_once_by_the_next_host()
    {
        await using var engine = await PostgresDatabase.CreateAsync("outbox_kill");
        using var hook = new HeldWebhook(); // refuses the victim's calls
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var outbox = new OutboxProbe(engine.ConnectionString);
        await using var victim = await SchedulerProcess.StartAsync(Settings(engine.ConnectionString, dataA.Path, hook.UrlFor("victim")), Ct);

        var runId = await TriggerAsync(victim, "2025-01-02");
        var atDeath = await KillBetweenDeliveriesAsync(victim, outbox, runId);
        hook.AnswerWith("next", 200);
        await using var next = await SchedulerProcess.StartAsync(Settings(engine.ConnectionString, dataB.Path, hook.UrlFor("next")), Ct);
        var delivered = await WaitDeliveredAsync(outbox, runId, next);

        Assert.Equal(["2025-01-02 Failed"], await outbox.RunsAsync(Pipeline, Ct));
        Assert.Equal(atDeath.Attempts + 1, delivered.Attempts);
        Assert.All(hook.Requests, r => Assert.Equal(runId.ToString(), r.RunId));
        var accepted = Assert.Single(hook.Accepted);
        Assert.Equal("next", accepted.Host);
        AssertToldFailure(accepted.Body, runId, "2025-01-02");
        if (atDeath.ClaimedUntil is { } claimedUntil)
            Assert.True(accepted.At >= claimedUntil, $"delivered at {accepted.At:O}, before the dead host's claim lapsed at {claimedUntil:O}");
    }

    [Fact]
    public async Task Host_frozen_holding_a_claim_then_killed_another_host_delivers_once_the_claim_lapses()
    {
        await using var engine = await PostgresDatabase.CreateAsync("outbox_freeze");
        using var hook = new HeldWebhook();
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        using var dataC = new TempDirectory();
        var outbox = new OutboxProbe(engine.ConnectionString);
        await using var first = await SchedulerProcess.StartAsync(Settings(engine.ConnectionString, dataA.Path, hook.UrlFor("first")), Ct);

        // 1. Frozen the moment its call reaches the receiver, which refuses it: the receiver has nothing.
        var hold = hook.HoldNext("first", first.Freeze);
        var lost = await TriggerAsync(first, "2025-01-02");
        (var claimed, hold) = await FrozenWhileDeliveringAsync(first, "first", hook, hold, outbox, lost);
        hold.Answer(503); // to a frozen host: nobody reads it
        hook.AnswerWith("second", 200);
        await using var second = await SchedulerProcess.StartAsync(Settings(engine.ConnectionString, dataB.Path, hook.UrlFor("second")), Ct);
        await first.KillAsync(Ct);

        var delivered = await WaitDeliveredAsync(outbox, lost, second);
        Assert.Equal(claimed.Attempts + 1, delivered.Attempts);
        var once = Assert.Single(hook.Accepted);
        Assert.Equal("second", once.Host);
        AssertToldFailure(once.Body, lost, "2025-01-02");
        Assert.True(once.At >= claimed.ClaimedUntil, $"delivered at {once.At:O}, before the frozen host's claim lapsed at {claimed.ClaimedUntil:O}");

        // 2. Frozen after the receiver accepted its call, before it could record that: the next host sends it again.
        hold = hook.HoldNext("second", second.Freeze);
        var told = await TriggerAsync(second, "2025-01-03");
        (var claimedAgain, hold) = await FrozenWhileDeliveringAsync(second, "second", hook, hold, outbox, told);
        hold.Answer(200);
        await Eventually.HappensAsync(() => hook.Accepted.Any(r => r.RunId == told.ToString()), Deadline, "the receiver to accept the frozen host's call");
        hook.AnswerWith("third", 200);
        await using var third = await SchedulerProcess.StartAsync(Settings(engine.ConnectionString, dataC.Path, hook.UrlFor("third")), Ct);
        await second.KillAsync(Ct);

        var redelivered = await WaitDeliveredAsync(outbox, told, third);
        Assert.Equal(claimedAgain.Attempts + 1, redelivered.Attempts);
        var twice = hook.Accepted.Where(r => r.RunId == told.ToString()).ToList();
        Assert.Equal(["second", "third"], twice.Select(r => r.Host));
        Assert.Equal(twice[0].Body.GetRawText(), twice[1].Body.GetRawText());
        AssertToldFailure(twice[1].Body, told, "2025-01-03");
        Assert.True(twice[1].At >= claimedAgain.ClaimedUntil, $"sent again at {twice[1].At:O}, before the claim lapsed at {claimedAgain.ClaimedUntil:O}");

        Assert.Equal(["2025-01-02 Failed", "2025-01-03 Failed"], await outbox.RunsAsync(Pipeline, Ct));
        Assert.All(hook.Requests, r => Assert.Contains(r.RunId, new[] { lost.ToString(), told.ToString() }));
        Assert.Single(hook.Accepted, r => r.RunId == lost.ToString());
    }

    /// <summary>
    /// Waits for the host's call to reach the receiver, which freezes the host on its arrival, and returns the run's
    /// notification as the frozen host holds it (claimed) and the held call. On a loaded machine the host's call may time
    /// out before the receiver gets to it (the host then records a failed delivery, and may be frozen between two
    /// deliveries): that call is refused, the host thawed, and its next call awaited.
    /// </summary>
    private static async Task<(OutboxProbe.Row Claimed, HeldWebhook.Hold Hold)> FrozenWhileDeliveringAsync(
        SchedulerProcess host, string name, HeldWebhook hook, HeldWebhook.Hold hold, OutboxProbe outbox, Guid runId)
    {
        for (var tries = 0; tries < 20; tries++)
        {
            await hold.Arrived.WaitAsync(Deadline, Ct);
            var row = await outbox.OneOfRunAsync(runId, Ct);
            if (row is { State: "Pending", Claimed: true }) return (row, hold);
            hold.Answer(503);
            hold = hook.HoldNext(name, host.Freeze);
            host.Thaw();
        }
        throw new InvalidOperationException($"Host {host.Id} never held its claim when its call arrived.");
    }

    /// <summary>
    /// Kills the host while the run's notification waits between two refused deliveries, and returns the row as the
    /// host left it. The host is frozen first and looked at; when it is in the middle of a delivery, it is thawed and the
    /// moment awaited again.
    /// </summary>
    private static async Task<OutboxProbe.Row> KillBetweenDeliveriesAsync(SchedulerProcess victim, OutboxProbe outbox, Guid runId)
    {
        for (var tries = 0; tries < 50; tries++)
        {
            await Eventually.ReturnsAsync(() => outbox.OfRunAsync(runId, Ct), n => n is [{ State: "Pending", Attempts: > 0, Claimed: false }],
                Deadline, "a refused delivery of the failure's webhook");
            victim.Freeze();
            if ((await outbox.OneOfRunAsync(runId, Ct)).Claimed)
            {
                victim.Thaw();
                continue;
            }
            await victim.KillAsync(Ct);
            // Read again once it is dead: a claim it had sent as it froze may have committed after the first look.
            return await outbox.OneOfRunAsync(runId, Ct);
        }
        throw new InvalidOperationException($"Host {victim.Id} was always delivering when frozen.");
    }

    private static async Task<OutboxProbe.Row> WaitDeliveredAsync(OutboxProbe outbox, Guid runId, SchedulerProcess host)
    {
        try
        {
            return await Eventually.ReturnsAsync(() => outbox.OneOfRunAsync(runId, Ct), n => n.State != "Pending", Deadline, "the webhook to be delivered");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}{Environment.NewLine}Host output:{Environment.NewLine}{host.OutputTail}", timeout);
        }
    }

    private static async Task<Guid> TriggerAsync(SchedulerProcess host, string partition)
    {
        using var response = await host.Http.PostAsJsonAsync($"/api/pipelines/{Pipeline}/runs", new { partition }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"run refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetGuid();
    }

    private static void AssertToldFailure(JsonElement body, Guid runId, string partition)
    {
        Assert.Equal("run_failed", body.GetProperty("event").GetString());
        Assert.Equal(Pipeline, body.GetProperty("pipeline").GetString());
        Assert.Equal(partition, body.GetProperty("partition").GetString());
        Assert.Equal(runId.ToString(), body.GetProperty("runId").GetString());
        Assert.Equal($"{PublicBaseUrl}/hangfire/pipelines/runs/{runId}", body.GetProperty("runUrl").GetString());
        Assert.Equal(["extract_bronze"], body.GetProperty("failedTasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, body.GetProperty("count").GetInt32());
    }

    /// <summary>
    /// A host on PostgreSQL whose breweries runs fail at once (the API at a closed port, no retries) and notify a failure
    /// to the receiver; deliveries are claimed for a few seconds only, so a dead host's claim lapses within the test.
    /// </summary>
    private static Dictionary<string, string?> Settings(string engine, string dataDirectory, string webhook) => new()
    {
        ["ConnectionStrings:Postgres"] = engine,
        ["Engine:DataDirectory"] = dataDirectory,
        ["Engine:RegisterSchedules"] = "false",
        ["Engine:WorkerCount"] = "2",
        ["Engine:QueuePollInterval"] = "00:00:00.100",
        ["Apis:OpenBreweryDb:BaseAddress"] = "http://127.0.0.1:9",
        ["Apis:OpenBreweryDb:MaxRetries"] = "0",
        ["Breweries:TaskAttempts"] = "1",
        ["Notifications:PublicBaseUrl"] = PublicBaseUrl,
        ["Notifications:Webhooks:ops"] = webhook,
        [$"Notifications:Pipelines:{Pipeline}:Events"] = "RunFailed",
        [$"Notifications:Pipelines:{Pipeline}:Webhooks:0"] = "ops",
        ["Notifications:StormWindow"] = "00:00:00",
        ["Notifications:WebhookRetries"] = "0",
        ["Notifications:WebhookTimeout"] = "00:00:05",
        ["Notifications:Smtp:Timeout"] = "00:00:00.500",
        ["Notifications:DeliveryLease"] = DeliveryLease.ToString(),
        ["Notifications:RetryDelay"] = "00:00:01",
        ["Notifications:MaxDeliveryAttempts"] = "20",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Pipeline.Tasks"] = "None",
    };
}
