using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Settings of failure, recovery and freshness notifications (section "Notifications").</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The address people reach this host's dashboard at; links in notifications start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Webhooks by name (the names pipelines use); the address is a secret (a Slack webhook, say).</summary>
    public Dictionary<string, string> Webhooks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The mail server; needed as soon as a pipeline notifies an email address.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Per pipeline, what replaces its definition's notifications and freshness deadline.</summary>
    public Dictionary<string, PipelineNotificationSettings> Pipelines { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per pipeline, event and channel: the first notification goes at once; what follows within this window is
    /// held and sent as one summary when the window ends (a failing 365-day backfill sends two messages, not 365).
    /// </summary>
    public TimeSpan StormWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each host looks for notifications to send (a host also looks at once after its own failures).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries of one notification before it is given up (logged and shown on the run page as not delivered).</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>The wait after a failed delivery, doubled after each one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One webhook call's timeout (each try; calls are retried with backoff, see <see cref="WebhookRetries"/>).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick retries of a webhook call inside one delivery (transient errors, 5xx, 429).</summary>
    public int WebhookRetries { get; set; } = 2;

    /// <summary>How often late partitions are looked for.</summary>
    public TimeSpan FreshnessInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a host holds the notifications it is delivering: when it has not recorded how the delivery went by then,
    /// it is taken for dead and another host delivers them (again, if the dead host's call had reached the receiver).
    /// Unset: twice the longest a delivery's calls may take (<see cref="LongestCalls"/>), plus 30 s.
    /// </summary>
    public TimeSpan DeliveryLease
    {
        get => _deliveryLease ?? 2 * LongestCalls + TimeSpan.FromSeconds(30);
        set => _deliveryLease = value;
    }

    private TimeSpan? _deliveryLease;

    /// <summary>The longest the calls of one delivery may take by their timeouts; a shorter lease would send live hosts' notifications twice.</summary>
    public TimeSpan LongestCalls => WebhookTimeout * (WebhookRetries + 1) + Smtp.Timeout;
}

/// <summary>One pipeline's notification settings; what is left out keeps the definition's value.</summary>
public sealed class PipelineNotificationSettings
{
    /// <summary>"RunFailed, RetriesExhausted, Recovered", or "None".</summary>
    public NotificationEvents? Events { get; set; }

    public string[]? Webhooks { get; set; }

    public string[]? Emails { get; set; }

    /// <summary>A day must have succeeded by this long after its end ("06:00:00": 6 a.m. the next morning).</summary>
    public TimeSpan? FreshBy { get; set; }
}

/// <summary>The SMTP server notifications are mailed through (MailKit).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "pipeline@localhost";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
