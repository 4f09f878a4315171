namespace Pipeline.Jobs.AirQuality;

/// <summary>What a source file held: its readings and the lines that were not readings.</summary>
public sealed record ParsedCsv(IReadOnlyList<SensorReading> Readings, IReadOnlyList<MalformedLine> Malformed);
