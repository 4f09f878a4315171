namespace Pipeline.Connectors.WindTarget;

/// <summary>
/// A 10-minute window as <c>transform</c> computed it, kept in <c>staged_windows</c> until <c>load</c> publishes it:
/// one row per window with a column per signal (null where the window has no such value), which <c>load</c> turns
/// into the <c>data</c> rows, one per value. A day is 144 staged rows instead of 1,152, which is what staging and
/// clearing it cost.
/// </summary>
public sealed class StagedWindowRecord
{
    public DateTime Timestamp { get; set; }
    public double? WindSpeedMean { get; set; }
    public double? WindSpeedMin { get; set; }
    public double? WindSpeedMax { get; set; }
    public double? WindSpeedStd { get; set; }
    public double? PowerMean { get; set; }
    public double? PowerMin { get; set; }
    public double? PowerMax { get; set; }
    public double? PowerStd { get; set; }
}
