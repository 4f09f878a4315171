using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// load_csv_to_kafka: reads the source CSV from the lake (source/AirQualityUCI.csv, put there from the copy
/// bundled with the pipeline when absent, and then read from that copy; the parameter <c>source</c> names another file under source/),
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

        // The topic is made (or found) while the source is read: it does not depend on it.
        var topic = streams.EnsureTopicAsync(settings.Topic, partitions: 1, ct);
        ParsedCsv parsed;
        try
        {
            parsed = await ReadSourceAsync(context, key, source, ct);
        }
        catch
        {
            await Observed(topic);
            throw;
        }
        context.Progress.Report(0.3);

        // Always written, empty when all is well, so a corrected source leaves no stale rejects behind.
        await lake.Bucket.PutTextAsync(AirQualityLake.MalformedKey(source), MalformedJsonLines(parsed.Malformed), ct);
        if (parsed.Malformed.Count > 0)
            context.Logger.LogWarning("{Count} malformed line(s) in {Key} kept aside in {Rejects} (first: line {Line}, {Reason})",
                parsed.Malformed.Count, key, AirQualityLake.MalformedKey(source), parsed.Malformed[0].Line, parsed.Malformed[0].Reason);

        await topic;
        // One key for the whole station: its readings stay in order in one partition.
        var messages = parsed.Readings.Select(r => new StreamMessage(source, r.ToJson())).ToList();
        await streams.PublishAsync(settings.Topic, messages, ct);
        context.Progress.Report(1);
        context.Logger.LogInformation("Published {Count} readings from {Key} to {Topic}", messages.Count, key, settings.Topic);

        return new JobResult(JsonSerializer.Serialize(new { source = key, published = messages.Count, malformed = parsed.Malformed.Count }));
    }

    /// <summary>
    /// The source, parsed: one GET when it is in the lake. When the bundled file is not there yet, it is put there and
    /// parsed from the copy in this assembly while it uploads (the same bytes), instead of a stat, the upload and a GET.
    /// </summary>
    private async Task<ParsedCsv> ReadSourceAsync(JobContext context, string key, string source, CancellationToken ct)
    {
        try
        {
            await using var csv = await lake.Bucket.OpenReadAsync(key, ct);
            return AirQualityCsv.Parse(csv);
        }
        catch (LakeObjectNotFoundException) when (source != BundledDataset.FileName)
        {
            throw new FileNotFoundException($"There is no source file '{key}' in the lake bucket '{options.Value.Bucket}'.");
        }
        catch (LakeObjectNotFoundException)
        {
            // The bundled file, not in the lake yet: put it there below.
        }

        var put = PutBundledAsync(key, ct);
        ParsedCsv parsed;
        try
        {
            await using var bundled = BundledDataset.Open();
            parsed = AirQualityCsv.Parse(bundled);
        }
        catch
        {
            await Observed(put);
            throw;
        }
        await put;
        context.Logger.LogInformation("Put the bundled {File} into the lake at {Key}", BundledDataset.FileName, key);
        return parsed;
    }

    private async Task PutBundledAsync(string key, CancellationToken ct)
    {
        await using var bundled = BundledDataset.Open();
        await lake.Bucket.PutAsync(key, bundled, ct);
    }

    /// <summary>Waits for a task begun beside one that failed, so its own outcome is not left unobserved; the first failure is what counts.</summary>
    private static Task Observed(Task task) =>
        task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private static string MalformedJsonLines(IReadOnlyList<MalformedLine> malformed)
    {
        var text = new StringBuilder();
        foreach (var line in malformed)
            text.Append(JsonSerializer.Serialize(line, JsonSerializerOptions.Web)).Append('\n');
        return text.ToString();
    }
}
