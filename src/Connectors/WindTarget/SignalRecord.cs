namespace Pipeline.Connectors.WindTarget;

/// <summary>A row of the target table <c>signal(id, name)</c>.</summary>
public sealed class SignalRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
}
