namespace Pipeline.Connectors.WindTarget;

/// <summary>A row of the target table <c>data(timestamp, signal_id, value)</c>: one aggregate of one 10-minute window.</summary>
public sealed class DataRecord
{
    public DateTime Timestamp { get; set; }
    public int SignalId { get; set; }
    public double Value { get; set; }
}
