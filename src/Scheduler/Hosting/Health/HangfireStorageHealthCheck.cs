using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>Hangfire's storage answers one indexed read (the earliest scheduled job), the cheapest query every storage has.</summary>
public sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Hangfire's storage API is synchronous; off the request thread so the check's timeout can still fire.
        await Task.Run(() =>
        {
            using var connection = storage.GetConnection();
            connection.GetFirstByLowestScoreFromSet("schedule", 0, 0);
        }, cancellationToken);
        return HealthCheckResult.Healthy(storage.ToString());
    }
}
