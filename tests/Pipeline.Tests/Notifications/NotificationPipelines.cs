using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Tests.Engine;

namespace Pipeline.Tests.Notifications;

/// <summary>Pipelines that tell people when they fail or fall behind; one per test, so storm windows never mix.</summary>
public static class NotificationPipelines
{
    public const string Webhook = "ops";
    public const string DownWebhook = "down";
    public const string HungWebhook = "hung";

    /// <param name="withFreshness">Only for a host on a fake clock: on the real one every day since 2024 would be late
    /// (and /metrics, which sees every host's meter in the process, would show both hosts' gauges).</param>
    public static IEnumerable<PipelineDefinition> All(string mailbox, bool withFreshness) =>
        Notifying(mailbox).Concat(withFreshness ? [Fresh()] : []);

    private static IEnumerable<PipelineDefinition> Notifying(string mailbox) =>
    [
        new PipelineBuilder("alerting").MaxConcurrentRuns(5).DefaultRetry(RetryPolicy.None)
            .Notify(NotificationEvents.RunFailed | NotificationEvents.Recovered, webhooks: [Webhook], emails: [mailbox])
            .Task<RecordJob>("extract")
            .Task<FailingJob>("load", after: ["extract"])
            .Build(),
        new PipelineBuilder("storm").PartitionedDaily(new DateOnly(2024, 1, 1)).MaxConcurrentRuns(4).DefaultRetry(RetryPolicy.None)
            .Notify(NotificationEvents.RunFailed, webhooks: [Webhook])
            .Task<AlwaysFailingJob>("load")
            .Build(),
        new PipelineBuilder("unheard").MaxConcurrentRuns(5).DefaultRetry(RetryPolicy.None)
            .Notify(NotificationEvents.Recovered, webhooks: [DownWebhook])
            .Task<FailingJob>("load")
            .Build(),
        // One notifies a webhook that never answers, the other a working one: the second must not wait for the first.
        new PipelineBuilder("hung").MaxConcurrentRuns(5).DefaultRetry(RetryPolicy.None)
            .Notify(NotificationEvents.RunFailed, webhooks: [HungWebhook])
            .Task<AlwaysFailingJob>("load")
            .Build(),
        new PipelineBuilder("beside-hung").MaxConcurrentRuns(5).DefaultRetry(RetryPolicy.None)
            .Notify(NotificationEvents.RunFailed, webhooks: [Webhook])
            .Task<AlwaysFailingJob>("load")
            .Build(),
        // Notifies nobody in its definition; the settings turn on retries-exhausted notifications (see NotificationHost).
        new PipelineBuilder("retried").MaxConcurrentRuns(5)
            .Task<FailingJob>("flaky", retry: new RetryPolicy(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)))
            .Build(),
    ];

    private static PipelineDefinition Fresh() =>
        new PipelineBuilder("fresh").PartitionedDaily(new DateOnly(2024, 1, 1), "Europe/Paris").MaxConcurrentRuns(2).DefaultRetry(RetryPolicy.None)
            .FreshBy(TimeSpan.FromHours(6))
            .Notify(NotificationEvents.None, webhooks: [Webhook])
            .Task<RecordJob>("load")
            .Build();
}
