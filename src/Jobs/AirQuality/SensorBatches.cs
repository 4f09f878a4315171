using Microsoft.Extensions.Options;
using Pipeline.Connectors.Alerts;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// The two things done with each raw batch, shared by the DAG's tasks and the streaming consumer. Each ends by
/// writing its own mark in the lake, so a batch interrupted halfway is simply done again: the cache and the
/// processed file are overwritten, and re-sent alerts keep their ids (readers drop the copies).
/// </summary>
public sealed class SensorBatches(AirQualityLake lake, SensorCache cache, IAlertQueue alerts, IOptions<AirQualityOptions> options)
{
    private readonly AlertRule _rule = AlertRule.From(options.Value);

    /// <summary>Every reading to the cache, then the processed Parquet (its presence marks the batch stored).</summary>
    public async Task<int> StoreAsync(string batch, CancellationToken ct)
    {
        var readings = await lake.ReadRawAsync(batch, ct);
        var processed = readings.Select(r => ProcessedReading.From(r, _rule)).ToList();
        await cache.WriteAsync(processed, ct);
        await lake.WriteProcessedAsync(batch, processed, ct);
        return processed.Count;
    }

    /// <summary>One alert per critical reading, all confirmed by the broker, then the batch's alert receipt.</summary>
    public async Task<int> SendAlertsAsync(string batch, CancellationToken ct)
    {
        var readings = await lake.ReadRawAsync(batch, ct);
        var messages = readings.Where(_rule.IsCritical).Select(_rule.AlertFor).ToList();
        await alerts.PublishAsync(options.Value.AlertQueue, messages, ct);
        await lake.WriteAlertReceiptAsync(batch, messages.Count, ct);
        return messages.Count;
    }
}
