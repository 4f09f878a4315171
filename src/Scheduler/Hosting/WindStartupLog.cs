using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindTarget;

namespace Pipeline.Scheduler.Hosting;

/// <summary>Says once at start-up where the wind case's databases live. They are migrated on first use.</summary>
public sealed class WindStartupLog(WindSourceStore source, WindTargetStore target, ILogger<WindStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Wind source: {Where}{Seeding}", source.Database.Describe(),
            source.SeedsWhenEmpty ? " (filled with 2024-10-01 to 2024-10-22 on first use when empty)" : "");
        logger.LogInformation("Wind target: {Where}", target.Database.Describe());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
