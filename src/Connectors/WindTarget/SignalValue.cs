namespace Pipeline.Connectors.WindTarget;

/// <summary>One value of one signal (an aggregate of a 10-minute window starting at <see cref="Timestamp"/>).</summary>
public sealed record SignalValue(DateTime Timestamp, int SignalId, double Value);
