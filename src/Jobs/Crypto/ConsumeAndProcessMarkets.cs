using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.Crypto;

/// <summary>
/// consume_and_process: reads the topic as the consumer group, from its committed offsets up to the end seen
/// when it starts (so messages an earlier failed run left behind are processed too), cleans and derives (see
/// <see cref="MarketBatchProcessor"/>), writes the result to the lake, and only then commits the offsets: a
/// task stopped at any point loses nothing, and its retry reads the same messages again.
/// </summary>
public sealed class ConsumeAndProcessMarkets(
    IStreams streams, MarketBatchProcessor processor, CryptoLake files, IOptions<CryptoOptions> options, TimeProvider clock) : IJob
{
    private const int BatchSize = 1000;

    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var settings = options.Value;
        await streams.EnsureTopicAsync(settings.Topic, PublishMarkets.Partitions, ct);
        using var reader = await streams.OpenReaderAsync(settings.Topic, settings.ConsumerGroup, ct);

        var records = new List<StreamRecord>();
        for (var batch = await reader.ReadAsync(BatchSize, ct); !batch.IsEmpty; batch = await reader.ReadAsync(BatchSize, ct))
        {
            records.AddRange(batch.Records);
            if (reader.Backlog > 0) context.Progress.Report(0.5 * Math.Min(1, records.Count / (double)reader.Backlog));
        }
        context.Logger.LogInformation("Consumed {Messages} messages from {Topic} as {Group}", records.Count, settings.Topic, settings.ConsumerGroup);

        var processed = await processor.ProcessAsync(records.Select(r => r.Value).ToList(), context.RunId, context.Logger, ct);
        var key = CryptoLake.ProcessedKey(context.RunId, clock.GetUtcNow());
        await files.WriteJsonAsync(key, processed.Snapshots, ct);
        if (records.Count > 0) await reader.CommitAsync(new StreamBatch(records), ct);

        context.Logger.LogInformation("{Snapshots} new snapshots ready in {Bucket}/{Key} ({Rejected} records dropped)",
            processed.Snapshots.Count, CryptoLake.Bucket, key, processed.Rejected.Count);
        context.Progress.Report(1);
        return new JobResult(TaskOutputs.Write(new TaskOutputs.Processed(key, records.Count, processed.Rejected.Count, processed.Snapshots.Count)));
    }
}
