using System.Globalization;
using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>The station's latest status as the Sensors page shows it: one row per sensor.</summary>
public sealed record SensorsView(string? Timestamp, IReadOnlyList<SensorView> Sensors)
{
    public static SensorsView From(CacheEntry? latest, AirQualityOptions options)
    {
        var fields = latest?.Fields ?? new Dictionary<string, string>();
        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        SensorView Sensor(string key, string label, string unit, string? alertField = null, string? threshold = null)
        {
            var value = Field(key);
            var state = value is null ? "missing" : alertField is null ? "measured" : Field(alertField) == "true" ? "alert" : "ok";
            return new SensorView(key, label, unit, value, state, threshold);
        }

        return new SensorsView(Field("timestamp"),
        [
            Sensor("co", "CO", "mg/m³", "coAlert", $"> {options.CoThreshold.ToString(CultureInfo.InvariantCulture)}"),
            Sensor("no2", "NO2", "µg/m³", "no2Alert", $"> {options.No2Threshold.ToString(CultureInfo.InvariantCulture)}"),
            Sensor("temperature", "Temperature", "°C"),
            Sensor("relativeHumidity", "Relative humidity", "%"),
            Sensor("absoluteHumidity", "Absolute humidity", "g/m³"),
        ]);
    }
}

/// <summary>
/// One sensor's latest value and state: "ok" or "alert" for the sensors with a threshold, "measured" for the
/// others, "missing" when the latest reading has no value for it.
/// </summary>
public sealed record SensorView(string Key, string Label, string Unit, string? Value, string State, string? AlertAbove);
