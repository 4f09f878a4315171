using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Each pipeline's notifications and freshness deadline: its definition, with the settings' overrides applied.</summary>
public sealed class NotificationPolicies(PipelineCatalog catalog, IOptions<NotificationOptions> options)
{
    public NotificationPolicy For(string pipeline)
    {
        var defined = catalog.Find(pipeline)?.Notifications ?? NotificationPolicy.None;
        if (!options.Value.Pipelines.TryGetValue(pipeline, out var set)) return defined;
        return new NotificationPolicy(set.Events ?? defined.Events, set.Webhooks ?? defined.Webhooks, set.Emails ?? defined.Emails);
    }

    public TimeSpan? FreshBy(string pipeline) =>
        options.Value.Pipelines.TryGetValue(pipeline, out var set) && set.FreshBy is { } freshBy ? freshBy : catalog.Find(pipeline)?.FreshBy;

    /// <summary>The channels a pipeline's notifications go to: "webhook:NAME" and "email:ADDRESS".</summary>
    public IReadOnlyList<string> Channels(string pipeline)
    {
        var policy = For(pipeline);
        return policy.Webhooks.Select(NotificationChannel.Webhook).Concat(policy.Emails.Select(NotificationChannel.Email)).ToList();
    }
}
