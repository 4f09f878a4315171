namespace Pipeline.Jobs.AirQuality;

/// <summary>A source line that is not a reading: where it was, what it said, and why it was set aside.</summary>
public sealed record MalformedLine(long Line, string Text, string Reason);
