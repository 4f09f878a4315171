using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// The streaming mode: a consumer-group member that handles readings as they arrive, with the DAG's own steps
/// (raw batch to the lake, commit, store, alerts). It first finishes whatever an earlier run left pending.
/// </summary>
public sealed class SensorStream(
    AirQualityLake lake, SensorBatches batches, IStreams streams, IOptions<AirQualityOptions> options, ILogger<SensorStream> logger)
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await streams.EnsureTopicAsync(settings.Topic, partitions: 1, ct);
        await CatchUpAsync(ct);
        using var subscription = streams.Subscribe(settings.Topic, settings.ConsumerGroup);
        logger.LogInformation("Streaming readings from {Topic} as group {Group}", settings.Topic, settings.ConsumerGroup);
        while (!ct.IsCancellationRequested)
        {
            var batch = await subscription.PollAsync(settings.BatchSize, PollWait, ct);
            if (batch.IsEmpty) continue;
            var written = await lake.WriteRawAsync(batch, ct);
            await subscription.CommitAsync(batch, ct);
            foreach (var name in written)
            {
                await batches.StoreAsync(name, ct);
                await batches.SendAlertsAsync(name, ct);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        foreach (var name in await lake.PendingAsync(AirQualityLake.ProcessedPrefix, ct))
            await batches.StoreAsync(name, ct);
        foreach (var name in await lake.PendingAsync(AirQualityLake.AlertsPrefix, ct))
            await batches.SendAlertsAsync(name, ct);
    }
}
