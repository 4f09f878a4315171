namespace Pipeline.Connectors.WindTarget;

/// <summary>
/// The signals of the target database: one per variable and aggregation, with ids fixed by the migration
/// that creates them, so every host and every run agrees on them without a lookup.
/// </summary>
public static class WindSignals
{
    public static IReadOnlyList<string> Variables { get; } = ["wind_speed", "power"];
    public static IReadOnlyList<string> Aggregations { get; } = ["mean", "min", "max", "std"];

    /// <summary>wind_speed_mean = 1, wind_speed_min = 2, ... power_std = 8.</summary>
    public static IReadOnlyList<SignalRecord> All { get; } = Variables
        .SelectMany(v => Aggregations.Select(a => $"{v}_{a}"))
        .Select((name, i) => new SignalRecord { Id = i + 1, Name = name })
        .ToList();

    public static int IdOf(string variable, string aggregation) =>
        All.FirstOrDefault(s => s.Name == $"{variable}_{aggregation}")?.Id
        ?? throw new ArgumentException($"There is no signal {variable}_{aggregation}.");

    public static string NameOf(int id) => All.First(s => s.Id == id).Name;
}
