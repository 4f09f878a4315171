using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Pipeline.Scheduler.Dashboard;
using Pipeline.Scheduler.Engine.Freshness;
using Pipeline.Scheduler.Engine.Notifications;
using Pipeline.Scheduler.Engine.Partitions;

namespace Pipeline.Scheduler.Hosting;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Failure, recovery and freshness notifications: the settings (validated against the pipelines at start-up),
    /// the outbox's interceptor, the webhook client with its timeouts and retries, and, on hosts that run work, the
    /// outbox and the late-partition check.
    /// </summary>
    public static IServiceCollection AddPipelineNotifications(this IServiceCollection services, IConfiguration configuration, bool runWorkers)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton<NotificationPolicies>();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<NotificationOutboxInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<NotificationOutboxInterceptor>());
        services.AddSingleton<PartitionFreshness>();
        // Registered before AddPipelineQueries, whose default (no deadlines) only applies when nothing else is.
        services.AddSingleton<IPartitionDeadlines>(sp => sp.GetRequiredService<PartitionFreshness>());
        services.AddSingleton<IRunLinks, DashboardRunLinks>();
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<NotificationBatcher>();
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EmailSender>();

        var settings = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        services.AddHttpClient(WebhookSender.ClientName)
            .AddResilienceHandler("webhook", pipeline => pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(settings.WebhookRetries, 1),
                    ShouldHandle = settings.WebhookRetries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .AddTimeout(settings.WebhookTimeout));

        if (runWorkers)
        {
            services.AddHostedService<NotificationOutbox>();
            services.AddHostedService<LatePartitionMonitor>();
        }
        return services;
    }
}
