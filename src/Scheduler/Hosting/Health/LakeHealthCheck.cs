using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.Connectors.Lake;

namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>The lake answers (S3: a bucket listing with the configured credentials; a folder: it exists).</summary>
public sealed class LakeHealthCheck(ILake lake) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await lake.ProbeAsync(cancellationToken);
        return HealthCheckResult.Healthy(lake.Description);
    }
}
