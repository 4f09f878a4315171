using System.Globalization;
using System.Text.Json;
using Pipeline.Connectors.Alerts;

namespace Pipeline.Jobs.AirQuality;

/// <summary>When a reading is critical (CO above its threshold or NO2 above its own), and the alert it makes.</summary>
public sealed record AlertRule(double CoThreshold, double No2Threshold)
{
    public static AlertRule From(AirQualityOptions options) => new(options.CoThreshold, options.No2Threshold);

    public bool CoExceeded(SensorReading reading) => reading.Co > CoThreshold;

    public bool No2Exceeded(SensorReading reading) => reading.No2 > No2Threshold;

    public bool IsCritical(SensorReading reading) => CoExceeded(reading) || No2Exceeded(reading);

    /// <summary>The alert for a critical reading; its id is the reading's, so sending it again makes a copy a reader can drop.</summary>
    public AlertMessage AlertFor(SensorReading reading)
    {
        var reasons = new List<string>();
        if (CoExceeded(reading)) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"CO {reading.Co} mg/m³ > {CoThreshold}"));
        if (No2Exceeded(reading)) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"NO2 {reading.No2} µg/m³ > {No2Threshold}"));
        var body = JsonSerializer.Serialize(new SensorAlert(reading.Id, reading.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            reading.Time, reading.Co, reading.No2, reasons), JsonSerializerOptions.Web);
        return new AlertMessage(reading.Id, body);
    }
}
