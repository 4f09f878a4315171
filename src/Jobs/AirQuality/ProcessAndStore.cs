using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// process_and_store: for every raw batch not yet processed (this run's, and any an interrupted run left),
/// each reading to the cache and the processed readings to the lake as Parquet.
/// </summary>
public sealed class ProcessAndStore(AirQualityLake lake, SensorBatches batches) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var pending = await lake.PendingAsync(AirQualityLake.ProcessedPrefix, ct);
        var readings = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            readings += await batches.StoreAsync(pending[i], ct);
            context.Progress.Report((i + 1.0) / pending.Count);
        }
        context.Logger.LogInformation("Stored {Readings} readings of {Batches} batch(es) in the cache and processed/", readings, pending.Count);
        return new JobResult(JsonSerializer.Serialize(new { batches = pending.Count, readings }));
    }
}
