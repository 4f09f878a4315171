using System.Text;
using Microsoft.Extensions.Options;
using Parquet.Serialization;
using Pipeline.Connectors.Lake;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// The air-quality steps on the first lines of the bundled CSV, in memory: parse, a reading's JSON both ways (the Kafka
/// message's text, and a raw batch line's UTF-8 bytes), processing, the cache's hashes, the processed Parquet both ways and the alerts. Parquet.Net
/// keeps the serializer it builds for <see cref="ProcessedReading"/>, so the first store does not build it again.
/// Then the lake's reads the steps make (a get, the listings), of keys that name nothing: reads only, so nothing
/// appears in the lake, but the lake client's request path (its retry pipeline, the S3 client's signing and HTTP) is compiled.
/// </summary>
public sealed class AirQualityWarmUp(IOptions<AirQualityOptions> options, AirQualityLake lake) : IWarmUp
{
    private const int SampleLines = 48;

    public async Task WarmUpAsync(CancellationToken ct)
    {
        await WarmStepsAsync(ct);
        await WarmLakeReadsAsync(ct);
    }

    private async Task WarmStepsAsync(CancellationToken ct)
    {
        var rule = AlertRule.From(options.Value);
        var readings = AirQualityCsv.Parse(await SampleAsync(ct)).Readings
            .Select(r => SensorReading.FromJson(Encoding.UTF8.GetBytes(r.ToJson())))
            .ToList();
        var processed = readings.Select(r => ProcessedReading.From(r, rule)).ToList();
        _ = SensorCache.HashesOf(processed);
        using var parquet = new MemoryStream();
        await ParquetSerializer.SerializeAsync(processed, parquet, cancellationToken: ct);
        parquet.Position = 0;
        await ParquetSerializer.DeserializeAsync<ProcessedReading>(parquet, cancellationToken: ct);
        // Every reading, critical or not, so the alert's code runs whatever the sample holds.
        _ = readings.Select(rule.AlertFor).ToList();
    }

    private async Task WarmLakeReadsAsync(CancellationToken ct)
    {
        var absent = AirQualityLake.SourceKey($"warm-up-{Guid.NewGuid():N}.csv");
        try
        {
            await using var _ = await lake.Bucket.OpenReadAsync(absent, ct);
        }
        catch (LakeObjectNotFoundException)
        {
            // What a key that names nothing gives.
        }
        await lake.PendingAsync(AirQualityLake.ProcessedPrefix, ct);
    }

    private static async Task<Stream> SampleAsync(CancellationToken ct)
    {
        using var reader = new StreamReader(BundledDataset.Open());
        var sample = new StringBuilder();
        for (var i = 0; i < SampleLines && await reader.ReadLineAsync(ct) is { } line; i++) sample.Append(line).Append('\n');
        return new MemoryStream(Encoding.UTF8.GetBytes(sample.ToString()));
    }
}
