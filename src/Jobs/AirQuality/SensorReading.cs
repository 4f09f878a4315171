using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// One hourly reading of the air-quality station: the values the pipeline uses, null where the source said
/// -200 (missing). This is the JSON of each Kafka message and each line of a raw lake object.
/// </summary>
public sealed record SensorReading(
    DateOnly Date,
    string Time,
    double? Co,
    double? No2,
    double? Temperature,
    double? RelativeHumidity,
    double? AbsoluteHumidity)
{
    /// <summary>The reading's identity: its hour, as "2004-03-10T18:00". Also the id of its alert message.</summary>
    [JsonIgnore]
    public string Id => $"{Date:yyyy-MM-dd}T{Time}";

    [JsonIgnore]
    public DateTime Timestamp => Date.ToDateTime(TimeOnly.ParseExact(Time, "HH:mm"));

    public string ToJson() => JsonSerializer.Serialize(this, SensorReadingJson.Default.SensorReading);

    /// <summary>A reading from its JSON in UTF-8 (a line of a raw batch, as the lake holds it).</summary>
    public static SensorReading FromJson(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, SensorReadingJson.Default.SensorReading) ?? throw new FormatException("A reading's JSON was null.");
}
