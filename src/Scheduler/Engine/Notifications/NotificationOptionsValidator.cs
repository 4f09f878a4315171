using MimeKit;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Checks the notification settings against the pipelines at start-up: every name used must exist, every address parse.</summary>
public sealed class NotificationOptionsValidator(PipelineCatalog catalog) : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        if (!IsHttpUrl(options.PublicBaseUrl)) errors.Add("Notifications:PublicBaseUrl must be an absolute http(s) address.");
        if (options.StormWindow < TimeSpan.Zero) errors.Add("Notifications:StormWindow must be 0 or more.");
        if (options.PollInterval <= TimeSpan.Zero || options.RetryDelay <= TimeSpan.Zero || options.WebhookTimeout <= TimeSpan.Zero
            || options.FreshnessInterval <= TimeSpan.Zero || options.Smtp.Timeout <= TimeSpan.Zero)
            errors.Add("Notifications intervals and timeouts must be positive.");
        if (options.DeliveryLease <= options.LongestCalls)
            errors.Add("Notifications:DeliveryLease must be longer than WebhookTimeout × (WebhookRetries + 1) + Smtp:Timeout.");
        if (options.MaxDeliveryAttempts < 1) errors.Add("Notifications:MaxDeliveryAttempts must be at least 1.");
        if (options.WebhookRetries is < 0 or > 10) errors.Add("Notifications:WebhookRetries must be between 0 and 10.");
        foreach (var (webhook, url) in options.Webhooks)
            if (!IsHttpUrl(url)) errors.Add($"Notifications:Webhooks:{webhook} must be an absolute http(s) address.");
        foreach (var pipeline in options.Pipelines.Keys.Where(p => catalog.Find(p) is null))
            errors.Add($"Notifications:Pipelines:{pipeline}: there is no pipeline named '{pipeline}'.");

        var policies = new NotificationPolicies(catalog, Options.Create(options));
        foreach (var pipeline in catalog.All)
        {
            var policy = policies.For(pipeline.Name);
            foreach (var webhook in policy.Webhooks.Where(w => !options.Webhooks.ContainsKey(w)))
                errors.Add($"Pipeline '{pipeline.Name}' notifies webhook '{webhook}', which Notifications:Webhooks does not name.");
            foreach (var email in policy.Emails.Where(e => !MailboxAddress.TryParse(e, out _)))
                errors.Add($"Pipeline '{pipeline.Name}' notifies '{email}', which is not an email address.");
            if (policy.Emails.Count > 0 && string.IsNullOrWhiteSpace(options.Smtp.Host))
                errors.Add($"Pipeline '{pipeline.Name}' notifies by email: set Notifications:Smtp:Host.");
            if (policies.FreshBy(pipeline.Name) is { } freshBy && (pipeline.Partitioning is null || freshBy < TimeSpan.Zero))
                errors.Add($"Notifications:Pipelines:{pipeline.Name}:FreshBy needs a daily-partitioned pipeline and a deadline of 0 or more.");
        }
        if (!MailboxAddress.TryParse(options.Smtp.From, out _)) errors.Add("Notifications:Smtp:From must be an email address.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
