namespace Pipeline.Connectors.WindSource.Seeding;

/// <summary>
/// The power curve of a Gamesa G87-2.0 MW turbine (87 m rotor, air density 1.225 kg/m³), as the
/// manufacturer publishes it in 1 m/s steps, rounded to the kW: cut-in at 4 m/s, rated 2,000 kW from
/// about 15 m/s, cut-out at 25 m/s. Between the steps the power is interpolated linearly.
/// </summary>
public static class PowerCurve
{
    public const double CutIn = 4;
    public const double CutOut = 25;
    public const double RatedKw = 2000;

    // Index i is the power at i m/s.
    private static readonly double[] Kw =
        [0, 0, 0, 0, 79, 181, 335, 550, 832, 1175, 1530, 1816, 1963, 1988, 1996, 1999, 2000];

    public static double PowerKw(double windSpeed)
    {
        if (windSpeed < CutIn || windSpeed >= CutOut) return 0;
        if (windSpeed >= Kw.Length - 1) return RatedKw;
        var below = (int)Math.Floor(windSpeed);
        var share = windSpeed - below;
        return Kw[below] + share * (Kw[below + 1] - Kw[below]);
    }
}
