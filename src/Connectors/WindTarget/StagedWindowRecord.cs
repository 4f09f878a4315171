namespace Pipeline.Connectors.WindTarget;

/// <summary>An aggregate as <c>transform</c> computed it, kept in <c>staged_windows</c> until <c>load</c> publishes it.</summary>
public sealed class StagedWindowRecord
{
    public DateTime Timestamp { get; set; }
    public int SignalId { get; set; }
    public double Value { get; set; }
}
