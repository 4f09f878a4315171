namespace Pipeline.Bench.Measuring;

/// <summary>One row of the results table: what was measured, in which unit, and how to print it.</summary>
public sealed record Metric(string Scenario, string Name, string Unit, string Format = "0.00")
{
    public string Label => Unit.Length == 0 ? Name : $"{Name} ({Unit})";
}
