using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>A part that runs inside this process (embedded mode): ready whenever the process answers.</summary>
public sealed class EmbeddedHealthCheck(string description) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(description));
}
