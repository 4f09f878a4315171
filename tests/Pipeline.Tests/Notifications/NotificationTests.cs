using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// What the people on call receive: the webhook's JSON (WireMock stands for Slack), the mail (a real SMTP server),
/// and what the run page and GET /api/runs/{id} say about each notification.
/// </summary>
public sealed class NotificationTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private RunRequests Requests => host.Services.GetRequiredService<RunRequests>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_run_is_posted_and_mailed_within_two_seconds_then_its_recovery()
    {
        var runId = await Requests.TriggerAsync("alerting", null, new Dictionary<string, string> { ["failures"] = "1" }, "api", null, Ct);

        var posted = await Eventually.ReturnsAsync(() => Task.FromResult(host.PostedAbout("alerting").Where(b => Is(b, runId, "run_failed")).ToList()),
            p => p.Count > 0, Deadline, "the failed run's webhook");
        var body = Assert.Single(posted);
        var runUrl = $"{NotificationHost.PublicBaseUrl}/hangfire/pipelines/runs/{runId}";
        Assert.Equal("alerting", body.GetProperty("pipeline").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("partition").ValueKind);
        Assert.Equal(runUrl, body.GetProperty("runUrl").GetString());
        Assert.Equal(["load"], body.GetProperty("failedTasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("planned failure on attempt 1", body.GetProperty("error").GetString());
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        var text = body.GetProperty("text").GetString()!;
        Assert.StartsWith(":x: Run of alerting failed: load (", text);
        Assert.Contains($"<{runUrl}|run {runId.ToString()[..8]}>", text);

        // Sent after the failure committed, never before it (the 2 s delivery floor is a measurement, not asserted here).
        var run = await host.RunAsync(runId);
        Assert.Equal("Failed", run.GetProperty("run").GetProperty("state").GetString());
        var failedAt = run.GetProperty("run").GetProperty("finishedAt").GetDateTime();
        var arrivedAt = host.Hooks.LogEntries.Where(e => e.RequestMessage.Path == "/ops" && e.RequestMessage.Body!.Contains(runId.ToString()))
            .Min(e => e.RequestMessage.DateTime);
        var delay = arrivedAt.ToUniversalTime() - DateTime.SpecifyKind(failedAt, DateTimeKind.Utc);
        Assert.True(delay > TimeSpan.FromMilliseconds(-50), $"the webhook arrived {-delay.TotalMilliseconds:0} ms before the run failed");

        // The link opens the run's page on this host (behind PublicBaseUrl).
        using var page = await host.CreateClient().GetAsync(new Uri(runUrl).PathAndQuery, Ct);
        page.EnsureSuccessStatusCode();
        Assert.Contains(runId.ToString(), await page.Content.ReadAsStringAsync(Ct));

        var mail = await Eventually.ReturnsAsync(() => Task.FromResult(host.Mail()), m => m.Count > 0, Deadline, "the failed run's mail");
        var message = Assert.Single(mail);
        Assert.Equal("[Pipeline] alerting: run failed", message.Subject);
        Assert.Contains(runUrl, message.TextBody);
        Assert.Contains("failed tasks: load", message.TextBody);

        var notified = await host.WaitForRunAsync(runId, r => Notifications(r).Count(n => n.State == "Delivered") == 2, "both notifications delivered");
        Assert.Equal(["email:" + host.Mailbox, "webhook:ops"], Notifications(notified).Select(n => n.Channel).Order());

        // Run again, it succeeds: the same people hear it recovered.
        var again = await Requests.TriggerAsync("alerting", null, null, "api", null, Ct);
        var recovered = await Eventually.ReturnsAsync(() => Task.FromResult(host.PostedAbout("alerting").Where(b => Is(b, again, "recovered")).ToList()),
            p => p.Count > 0, Deadline, "the recovery's webhook");
        Assert.StartsWith(":white_check_mark: alerting recovered", Assert.Single(recovered).GetProperty("text").GetString());
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Mail()), m => m.Any(x => x.Subject == "[Pipeline] alerting: recovered"), Deadline, "the recovery's mail");
    }

    [Fact]
    public async Task Failing_backfill_is_summarised_not_sent_run_by_run()
    {
        const int days = 12;
        var backfill = await Requests.BackfillAsync("storm", "2024-01-01", "2024-01-12", "api", Ct);
        var queries = host.Services.GetRequiredService<RunQueries>();
        await Eventually.ReturnsAsync(() => queries.BackfillStatesAsync(backfill.BackfillId, Ct),
            s => s.GetValueOrDefault(RunState.Failed) == days, Deadline, "every run of the backfill to fail");

        var posts = await Eventually.ReturnsAsync(() => Task.FromResult(host.PostedAbout("storm")),
            p => p.Sum(b => b.GetProperty("count").GetInt32()) >= days, Deadline + NotificationHost.StormWindow, "every failure to be told");

        Assert.Equal(days, posts.Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(1, posts[0].GetProperty("count").GetInt32()); // the first at once
        Assert.All(posts.Skip(1), b => Assert.True(b.GetProperty("count").GetInt32() > 1, "later ones come as summaries"));
        // One message per storm window in which failures came, at most: far fewer than one per run.
        var runs = (await queries.ListAsync("storm", RunState.Failed, null, 1, 100, Ct)).Items;
        var span = runs.Max(r => r.FinishedAt!.Value) - runs.Min(r => r.FinishedAt!.Value);
        Assert.InRange(posts.Count, 2, 2 + (int)(span / NotificationHost.StormWindow));
        var summary = posts[1];
        var text = summary.GetProperty("text").GetString()!;
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Assert.Matches(@"^:x: \d+ runs of storm failed \(2024-01-\d\d to 2024-01-\d\d\); the first for 2024-01-\d\d: load \(", text);
        Assert.Contains("no data for 2024-01-", text);
        Assert.Contains("<https://pipeline.example.com/hangfire/pipelines/runs/", text);
        var told = posts.SelectMany(b => b.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("partition").GetString())).ToList();
        Assert.Equal(Enumerable.Range(1, days).Select(d => $"2024-01-{d:00}"), told.Order());

        // Each run's page says its failure went out in a summary.
        var summarised = runs.First(r => r.Partition == posts[1].GetProperty("runs")[0].GetProperty("partition").GetString());
        var shown = Notifications(await host.RunAsync(summarised.Id)).Single();
        Assert.Equal(("Delivered", true), (shown.State, shown.BatchSize > 1));
    }

    [Fact]
    public async Task Undeliverable_notification_is_shown_on_the_run_and_never_fails_it()
    {
        var failed = await Requests.TriggerAsync("unheard", null, new Dictionary<string, string> { ["failures"] = "1" }, "api", null, Ct);
        await host.WaitForRunAsync(failed, r => r.GetProperty("run").GetProperty("state").GetString() == "Failed", "the first run to fail");
        var fixedRun = await Requests.TriggerAsync("unheard", null, null, "api", null, Ct);

        var run = await host.WaitForRunAsync(fixedRun, r => Notifications(r).Any(n => n.State == "Failed"), "the recovery's notification to be given up");
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        var shown = Notifications(run).Single();
        Assert.Equal(("Recovered", "webhook:down", 2), (shown.Kind, shown.Channel, shown.Attempts));
        Assert.Contains("answered 500", shown.Error);
        Assert.True(host.Posted("/down").Count >= 2, "each delivery attempt reached the webhook");

        var page = await host.CreateClient().GetStringAsync($"/hangfire/pipelines/runs/{fixedRun}", Ct);
        Assert.Contains("Not delivered", page);
        Assert.Contains("answered 500", page);
    }

    [Fact]
    public async Task Settings_turn_on_retries_exhausted_for_a_pipeline_that_notifies_nobody_in_code()
    {
        var runId = await Requests.TriggerAsync("retried", null, new Dictionary<string, string> { ["failures"] = "5" }, "api", null, Ct);

        var posted = await Eventually.ReturnsAsync(() => Task.FromResult(host.PostedAbout("retried").Where(b => Is(b, runId, "retries_exhausted")).ToList()),
            p => p.Count > 0, Deadline, "the retries-exhausted webhook");
        var text = Assert.Single(posted).GetProperty("text").GetString();
        Assert.StartsWith(":warning: Task flaky of retried ran out of retries: flaky (", text);
        Assert.Contains("planned failure on attempt 2", text);
    }

    [Fact]
    public async Task A_webhook_that_never_answers_does_not_hold_up_another_channel()
    {
        var stuck = await Requests.TriggerAsync("hung", null, null, "api", null, Ct);
        await host.HungWebhookCalled.WaitAsync(Deadline, Ct);

        var runId = await Requests.TriggerAsync("beside-hung", null, null, "api", null, Ct);
        await Eventually.ReturnsAsync(() => Task.FromResult(host.PostedAbout("beside-hung").Where(b => Is(b, runId, "run_failed")).ToList()),
            p => p.Count > 0, Deadline, "the failed run's webhook");

        // Told while the other delivery still waited for its receiver: that one's first attempt is not over.
        var waiting = Notifications(await host.RunAsync(stuck)).Single();
        Assert.Equal(("Pending", 1, (string?)null), (waiting.State, waiting.Attempts, waiting.Error));
    }

    private static bool Is(JsonElement body, Guid runId, string @event) =>
        body.GetProperty("runId").GetString() == runId.ToString() && body.GetProperty("event").GetString() == @event;

    private sealed record Shown(string Kind, string Channel, string State, int Attempts, int BatchSize, string? Error);

    private static List<Shown> Notifications(JsonElement run) =>
        run.GetProperty("notifications").EnumerateArray().Select(n => new Shown(
            n.GetProperty("kind").GetString()!, n.GetProperty("channel").GetString()!, n.GetProperty("state").GetString()!,
            n.GetProperty("attempts").GetInt32(), n.GetProperty("batchSize").GetInt32(),
            n.GetProperty("error").ValueKind == JsonValueKind.Null ? null : n.GetProperty("error").GetString())).ToList();
}
