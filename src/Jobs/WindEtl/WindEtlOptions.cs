namespace Pipeline.Jobs.WindEtl;

/// <summary>What the wind ETL's tasks accept (section "WindEtl").</summary>
public sealed class WindEtlOptions
{
    public const string Section = "WindEtl";

    /// <summary>The share of a day's minutes that may be bad (missing, null or impossible) before the run fails.</summary>
    public double MaxBadShare { get; set; } = 0.1;

    /// <summary>What a turbine can physically measure; values outside are impossible and left out of the aggregates.</summary>
    public Plausibility Limits { get; set; } = new();
}

/// <summary>
/// The physically possible range of each variable. The defaults fit the seeded 2 MW turbine: wind speed
/// from 0 to 60 m/s (beyond the strongest gusts measured in Switzerland), power from -100 kW (the turbine's
/// own consumption when idle) to 2,200 kW (rated power plus 10%).
/// </summary>
public sealed class Plausibility
{
    public double WindSpeedMin { get; set; }
    public double WindSpeedMax { get; set; } = 60;
    public double PowerMin { get; set; } = -100;
    public double PowerMax { get; set; } = 2200;

    public bool IsPossibleWindSpeed(double value) => value >= WindSpeedMin && value <= WindSpeedMax;

    public bool IsPossiblePower(double value) => value >= PowerMin && value <= PowerMax;
}
