namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// What a webhook receives (as JSON, camelCase) and what an email says. <see cref="Text"/> is Slack's field, so a
/// Slack incoming webhook shows it as is. A storm's summary has <see cref="Count"/> above one and lists its runs.
/// </summary>
public sealed record NotificationMessage(
    string Text,
    string Event,
    string Pipeline,
    string? Partition,
    Guid? RunId,
    string? RunUrl,
    IReadOnlyList<string> FailedTasks,
    string? Error,
    int Count,
    IReadOnlyList<NotificationItem> Runs)
{
    /// <summary>The email subject; the webhook body leaves it out.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Subject => Count > 1
        ? $"[Pipeline] {Pipeline}: {Count} × {Event.Replace('_', ' ')}"
        : $"[Pipeline] {Pipeline}{(Partition is null ? "" : " " + Partition)}: {Event.Replace('_', ' ')}";
}

/// <summary>One run (or late partition) in a notification.</summary>
public sealed record NotificationItem(Guid? RunId, string? Partition, string? RunUrl, IReadOnlyList<string> FailedTasks, string? Error);
