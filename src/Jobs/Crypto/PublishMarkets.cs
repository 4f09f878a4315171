using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.Crypto;

/// <summary>
/// publish: one message per coin to the Kafka topic (key: the coin's id, so a coin's snapshots stay in order;
/// value: its document as CoinGecko wrote it). A retry may publish a coin twice; the store keeps one row per
/// coin and last_updated, so that costs nothing.
/// </summary>
public sealed class PublishMarkets(IStreams streams, CryptoLake files, IOptions<CryptoOptions> options) : IJob
{
    public const int Partitions = 3;

    public async Task<JobResult> RunAsync(JobContext context)
    {
        var fetched = TaskOutputs.Read<TaskOutputs.Fetched>(context, "fetch_markets");
        using var markets = JsonDocument.Parse(await files.ReadTextAsync(fetched.File, context.CancellationToken));
        var messages = markets.RootElement.EnumerateArray()
            .Select(coin => new StreamMessage(
                coin.ValueKind == JsonValueKind.Object && coin.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                coin.GetRawText()))
            .ToList();

        var topic = options.Value.Topic;
        await streams.EnsureTopicAsync(topic, Partitions, context.CancellationToken);
        await streams.PublishAsync(topic, messages, context.CancellationToken);
        context.Logger.LogInformation("Published {Messages} market messages to {Topic}", messages.Count, topic);
        return new JobResult(TaskOutputs.Write(new TaskOutputs.Published(topic, messages.Count)));
    }
}
