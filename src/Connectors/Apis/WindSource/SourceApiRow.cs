using System.Text.Json.Serialization;

namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>A row of the source API's answer; a variable that was not asked for stays null.</summary>
public sealed record SourceApiRow(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("wind_speed")] double? WindSpeed,
    [property: JsonPropertyName("power")] double? Power,
    [property: JsonPropertyName("ambient_temperature")] double? AmbientTemperature);
