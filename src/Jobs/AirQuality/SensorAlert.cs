namespace Pipeline.Jobs.AirQuality;

/// <summary>The body of an alert message on the queue.</summary>
public sealed record SensorAlert(string Id, string Date, string Time, double? Co, double? No2, IReadOnlyList<string> Reasons);
