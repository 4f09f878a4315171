using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>
/// A Kafka broker answers a metadata request. One admin client lives as long as the host, so a probe
/// every second costs one request on an open connection, not a new client.
/// </summary>
public sealed class KafkaHealthCheck(string bootstrapServers, TimeSpan timeout) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(new AdminClientConfig
    {
        BootstrapServers = bootstrapServers,
        ClientId = "pipeline-health",
        SocketTimeoutMs = (int)timeout.TotalMilliseconds,
    }).SetLogHandler((_, _) => { }).Build());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // GetMetadata blocks; the whole-cluster form is the one request every broker version answers.
        var metadata = await Task.Run(() => _admin.Value.GetMetadata(timeout), cancellationToken);
        return metadata.Brokers.Count > 0
            ? HealthCheckResult.Healthy($"Kafka at {bootstrapServers} ({metadata.Brokers.Count} broker(s))")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Kafka at {bootstrapServers} named no broker.");
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    }
}
