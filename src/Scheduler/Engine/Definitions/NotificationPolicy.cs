namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>
/// Who hears about what in one pipeline: the events, the webhooks (by name: their addresses are settings, as they
/// are secrets) and the email addresses. A late partition (see <see cref="PipelineDefinition.FreshBy"/>) goes to
/// the same channels.
/// </summary>
public sealed record NotificationPolicy(NotificationEvents Events, IReadOnlyList<string> Webhooks, IReadOnlyList<string> Emails)
{
    public static readonly NotificationPolicy None = new(NotificationEvents.None, [], []);

    public bool HasChannels => Webhooks.Count > 0 || Emails.Count > 0;

    public bool Wants(NotificationEvents events) => HasChannels && (Events & events) == events;
}
