using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;

namespace Pipeline.Tests.AirQuality;

public sealed class SensorCacheTests
{
    private static readonly AlertRule Rule = new(10, 200);
    private readonly InProcessCache _cache = new(TimeProvider.System);

    [Fact]
    public async Task The_latest_status_only_moves_forward_when_readings_come_out_of_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var sensors = new SensorCache(_cache);

        await sensors.WriteAsync([Reading("10/03/2004", "19:00", co: 11)], ct);
        await sensors.WriteAsync([Reading("10/03/2004", "18:00", co: 2)], ct);

        var latest = await _cache.GetAsync(SensorCache.LatestKey, ct);
        Assert.Equal("2004-03-10T19:00", latest?.Fields?["id"]);
        Assert.Equal("true", latest?.Fields?["coAlert"]);
        Assert.Equal(2, await _cache.CountKeysAsync(SensorCache.ReadingPrefix, ct));
    }

    [Fact]
    public async Task A_reading_written_again_replaces_its_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        var sensors = new SensorCache(_cache);

        await sensors.WriteAsync([Reading("10/03/2004", "18:00", co: 2)], ct);
        await sensors.WriteAsync([Reading("10/03/2004", "18:00", co: null)], ct);

        var entry = await _cache.GetAsync("sensor:2004-03-10:18:00", ct);
        Assert.Equal("", entry?.Fields?["co"]);
        Assert.Equal(1, await _cache.CountKeysAsync(SensorCache.ReadingPrefix, ct));
    }

    private static ProcessedReading Reading(string date, string time, double? co) => ProcessedReading.From(
        new SensorReading(DateOnly.ParseExact(date, "dd/MM/yyyy"), time, co, 100, 12, 50, 0.7), Rule);
}
