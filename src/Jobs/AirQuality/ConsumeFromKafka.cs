using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// consume_from_kafka: reads the topic as the pipeline's consumer group, up to the end offsets seen when it
/// starts, batch by batch; each batch is written durably to the lake (raw/) and only then committed. Stopped
/// anywhere, it loses nothing: the next attempt reads the uncommitted rest again and overwrites the same raw batch.
/// </summary>
public sealed class ConsumeFromKafka(AirQualityLake lake, IStreams streams, IOptions<AirQualityOptions> options) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var settings = options.Value;
        using var reader = await streams.OpenReaderAsync(settings.Topic, settings.ConsumerGroup, ct);
        context.Logger.LogInformation("{Backlog} readings to consume from {Topic} as group {Group}", reader.Backlog, settings.Topic, settings.ConsumerGroup);

        var written = new List<string>();
        long read = 0;
        while (true)
        {
            var batch = await reader.ReadAsync(settings.BatchSize, ct);
            if (batch.IsEmpty) break;
            written.AddRange(await lake.WriteRawAsync(batch, ct));
            read += batch.Count;
            context.Progress.Report(reader.Backlog == 0 ? 1 : (double)read / reader.Backlog);
            await reader.CommitAsync(batch, ct);
        }

        context.Logger.LogInformation("Consumed {Count} readings into {Batches} raw batch(es)", read, written.Count);
        return new JobResult(JsonSerializer.Serialize(new { consumed = read, batches = written }));
    }
}
