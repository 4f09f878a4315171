namespace Pipeline.Jobs.AirQuality;

/// <summary>A reading as the processed/ Parquet files hold it: cleaned, with its timestamp and alert flags.</summary>
public sealed class ProcessedReading
{
    public string Id { get; set; } = "";
    public DateTime Timestamp { get; set; }
    public double? Co { get; set; }
    public double? No2 { get; set; }
    public double? Temperature { get; set; }
    public double? RelativeHumidity { get; set; }
    public double? AbsoluteHumidity { get; set; }
    public bool CoAlert { get; set; }
    public bool No2Alert { get; set; }

    /// <summary>Whether every value was measured (none was -200 in the source).</summary>
    public bool Complete { get; set; }

    public static ProcessedReading From(SensorReading reading, AlertRule rule) => new()
    {
        Id = reading.Id,
        Timestamp = DateTime.SpecifyKind(reading.Timestamp, DateTimeKind.Unspecified),
        Co = reading.Co,
        No2 = reading.No2,
        Temperature = reading.Temperature,
        RelativeHumidity = reading.RelativeHumidity,
        AbsoluteHumidity = reading.AbsoluteHumidity,
        CoAlert = rule.CoExceeded(reading),
        No2Alert = rule.No2Exceeded(reading),
        Complete = reading is { Co: not null, No2: not null, Temperature: not null, RelativeHumidity: not null, AbsoluteHumidity: not null },
    };
}
