using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// load_csv_to_kafka: reads the source CSV from the lake (source/AirQualityUCI.csv, put there from the copy
/// bundled with the pipeline when absent; the parameter <c>source</c> names another file under source/),
/// sets malformed lines aside in malformed/, and publishes one JSON message per reading to the topic.
/// </summary>
public sealed class LoadCsvToKafka(AirQualityLake lake, IStreams streams, IOptions<AirQualityOptions> options) : IJob
{
    public const string SourceParameter = "source";

    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var settings = options.Value;
        var source = context.Parameters.GetValueOrDefault(SourceParameter) ?? BundledDataset.FileName;
        var key = AirQualityLake.SourceKey(source);
        LakeKeys.ValidateKey(key);

        if (!await lake.Bucket.ExistsAsync(key, ct))
        {
            if (source != BundledDataset.FileName)
                throw new FileNotFoundException($"There is no source file '{key}' in the lake bucket '{settings.Bucket}'.");
            await using var bundled = BundledDataset.Open();
            await lake.Bucket.PutAsync(key, bundled, ct);
            context.Logger.LogInformation("Put the bundled {File} into the lake at {Key}", BundledDataset.FileName, key);
        }

        ParsedCsv parsed;
        await using (var csv = await lake.Bucket.OpenReadAsync(key, ct))
            parsed = AirQualityCsv.Parse(csv);
        context.Progress.Report(0.3);

        // Always written, empty when all is well, so a corrected source leaves no stale rejects behind.
        await lake.Bucket.PutTextAsync(AirQualityLake.MalformedKey(source), MalformedJsonLines(parsed.Malformed), ct);
        if (parsed.Malformed.Count > 0)
            context.Logger.LogWarning("{Count} malformed line(s) in {Key} kept aside in {Rejects} (first: line {Line}, {Reason})",
                parsed.Malformed.Count, key, AirQualityLake.MalformedKey(source), parsed.Malformed[0].Line, parsed.Malformed[0].Reason);

        await streams.EnsureTopicAsync(settings.Topic, partitions: 1, ct);
        // One key for the whole station: its readings stay in order in one partition.
        var messages = parsed.Readings.Select(r => new StreamMessage(source, r.ToJson())).ToList();
        await streams.PublishAsync(settings.Topic, messages, ct);
        context.Progress.Report(1);
        context.Logger.LogInformation("Published {Count} readings from {Key} to {Topic}", messages.Count, key, settings.Topic);

        return new JobResult(JsonSerializer.Serialize(new { source = key, published = messages.Count, malformed = parsed.Malformed.Count }));
    }

    private static string MalformedJsonLines(IReadOnlyList<MalformedLine> malformed)
    {
        var text = new StringBuilder();
        foreach (var line in malformed)
            text.Append(JsonSerializer.Serialize(line, JsonSerializerOptions.Web)).Append('\n');
        return text.ToString();
    }
}
