namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>How a channel is written in the run store: "webhook:NAME" or "email:ADDRESS".</summary>
public static class NotificationChannel
{
    private const string WebhookPrefix = "webhook:";
    private const string EmailPrefix = "email:";

    public static string Webhook(string name) => WebhookPrefix + name;

    public static string Email(string address) => EmailPrefix + address;

    public static bool IsWebhook(string channel, out string name) => Strip(channel, WebhookPrefix, out name);

    public static bool IsEmail(string channel, out string address) => Strip(channel, EmailPrefix, out address);

    private static bool Strip(string channel, string prefix, out string rest)
    {
        rest = channel.StartsWith(prefix, StringComparison.Ordinal) ? channel[prefix.Length..] : "";
        return rest.Length > 0;
    }
}
