namespace Pipeline.Connectors.WindSource;

/// <summary>A row of the source table <c>data</c> (the EF Core model behind its migrations).</summary>
public sealed class SourceDataRecord
{
    public DateTime Timestamp { get; set; }
    public double? WindSpeed { get; set; }
    public double? Power { get; set; }
    public double? AmbientTemperature { get; set; }
}
