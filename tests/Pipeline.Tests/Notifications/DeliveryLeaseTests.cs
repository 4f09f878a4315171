using Microsoft.Extensions.Configuration;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Notifications;

namespace Pipeline.Tests.Notifications;

/// <summary>Notifications:DeliveryLease: derived from the timeouts unless set, and never shorter than a delivery's calls may take.</summary>
public sealed class DeliveryLeaseTests
{
    private static NotificationOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(NotificationOptions.Section).Get<NotificationOptions>()
        ?? new NotificationOptions();

    private static IReadOnlyList<string> Errors(NotificationOptions options) =>
        new NotificationOptionsValidator(new PipelineCatalog([])).Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Unset_it_is_twice_the_longest_calls_plus_thirty_seconds()
    {
        var options = Bind(new() { ["Notifications:WebhookTimeout"] = "00:00:05", ["Notifications:WebhookRetries"] = "1", ["Notifications:Smtp:Timeout"] = "00:00:02" });

        Assert.Equal(TimeSpan.FromSeconds(2 * (5 * 2 + 2) + 30), options.DeliveryLease);
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Set_it_is_taken_when_longer_than_the_calls_and_refused_otherwise()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:WebhookTimeout"] = "00:00:05", ["Notifications:WebhookRetries"] = "0", ["Notifications:Smtp:Timeout"] = "00:00:01",
            ["Notifications:DeliveryLease"] = "00:00:07",
        };
        Assert.Equal(TimeSpan.FromSeconds(7), Bind(settings).DeliveryLease);
        Assert.Empty(Errors(Bind(settings)));

        settings["Notifications:DeliveryLease"] = "00:00:06";
        Assert.Equal(["Notifications:DeliveryLease must be longer than WebhookTimeout × (WebhookRetries + 1) + Smtp:Timeout."], Errors(Bind(settings)));
    }
}
