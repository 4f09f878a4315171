namespace Pipeline.Connectors.WindTarget;

/// <summary>
/// A minute as <c>extract</c> received it from the source API, kept in <c>staged_minutes</c> for the tasks
/// after it. Keyed by timestamp: a partition's staging is its time range, replaced whenever it is extracted again.
/// </summary>
public sealed class StagedMinuteRecord
{
    public DateTime Timestamp { get; set; }
    public double? WindSpeed { get; set; }
    public double? Power { get; set; }
}
