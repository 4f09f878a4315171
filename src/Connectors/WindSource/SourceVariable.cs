namespace Pipeline.Connectors.WindSource;

/// <summary>The measured variables of the source table a caller may ask for, by their column names.</summary>
public static class SourceVariable
{
    public const string WindSpeed = "wind_speed";
    public const string Power = "power";
    public const string AmbientTemperature = "ambient_temperature";

    public static IReadOnlyList<string> All { get; } = [WindSpeed, Power, AmbientTemperature];

    /// <summary>Splits "wind_speed,power"; the unknown names come back separately so the caller can refuse them.</summary>
    public static (IReadOnlyList<string> Known, IReadOnlyList<string> Unknown) Parse(string? list)
    {
        var names = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = names.Where(n => All.Contains(n)).Distinct().OrderBy(n => IndexOf(n)).ToList();
        var unknown = names.Where(n => !All.Contains(n)).Distinct().ToList();
        return (known, unknown);
    }

    public static double? ValueOf(SourceReading reading, string variable) => variable switch
    {
        WindSpeed => reading.WindSpeed,
        Power => reading.Power,
        AmbientTemperature => reading.AmbientTemperature,
        _ => throw new ArgumentOutOfRangeException(nameof(variable), variable, "Not a source variable."),
    };

    private static int IndexOf(string name) => All.ToList().IndexOf(name);
}
