using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// send_alerts: for every raw batch whose alerts were not sent yet, one alert per critical reading to the
/// alert queue, confirmed by the broker before the batch is marked sent.
/// </summary>
public sealed class SendAlerts(AirQualityLake lake, SensorBatches batches) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var pending = await lake.PendingAsync(AirQualityLake.AlertsPrefix, ct);
        var alerts = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            alerts += await batches.SendAlertsAsync(pending[i], ct);
            context.Progress.Report((i + 1.0) / pending.Count);
        }
        context.Logger.LogInformation("Sent {Alerts} alerts for {Batches} batch(es)", alerts, pending.Count);
        return new JobResult(JsonSerializer.Serialize(new { batches = pending.Count, alerts }));
    }
}
