using System.Globalization;
using Pipeline.Connectors.Cache;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// The cache's layout: one hash per reading, <c>sensor:{date}:{time}</c>, and the station's latest status,
/// <c>sensors:latest</c> (the newest reading seen so far, with its alert flags).
/// </summary>
public sealed class SensorCache(ICache cache)
{
    public const string ReadingPrefix = "sensor:";
    public const string LatestKey = "sensors:latest";

    public static string KeyOf(SensorReading reading) =>
        $"{ReadingPrefix}{reading.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{reading.Time}";

    public async Task WriteAsync(IReadOnlyList<ProcessedReading> readings, CancellationToken ct)
    {
        if (readings.Count == 0) return;
        await cache.SetHashesAsync(HashesOf(readings), ct);

        // Readings may come out of order (a replay, several partitions): the latest status only moves forward.
        var newest = readings.MaxBy(r => r.Timestamp)!;
        var current = await cache.GetAsync(LatestKey, ct);
        if (current?.Fields?.GetValueOrDefault("timestamp") is { } seen
            && DateTime.TryParse(seen, CultureInfo.InvariantCulture, DateTimeStyles.None, out var seenAt) && seenAt >= newest.Timestamp)
            return;
        await cache.SetHashesAsync([new CacheHash(LatestKey, FieldsOf(newest))], ct);
    }

    /// <summary>One hash per reading, as <see cref="WriteAsync"/> writes them.</summary>
    public static IReadOnlyList<CacheHash> HashesOf(IEnumerable<ProcessedReading> readings) =>
        readings.Select(r => new CacheHash(KeyOf(r), FieldsOf(r))).ToList();

    private static string KeyOf(ProcessedReading reading) =>
        $"{ReadingPrefix}{reading.Timestamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{reading.Timestamp.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>Every field is written, a missing value as an empty text, so rewriting a hash leaves nothing stale.</summary>
    private static Dictionary<string, string> FieldsOf(ProcessedReading reading) => new()
    {
        ["id"] = reading.Id,
        ["timestamp"] = reading.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        ["co"] = Text(reading.Co),
        ["no2"] = Text(reading.No2),
        ["temperature"] = Text(reading.Temperature),
        ["relativeHumidity"] = Text(reading.RelativeHumidity),
        ["absoluteHumidity"] = Text(reading.AbsoluteHumidity),
        ["coAlert"] = reading.CoAlert ? "true" : "false",
        ["no2Alert"] = reading.No2Alert ? "true" : "false",
    };

    private static string Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
