namespace Pipeline.Connectors.WindSource.Seeding;

/// <summary>
/// Makes a turbine's one-minute data, deterministically: the same seed and day give the same rows
/// whatever range is seeded, so seeding is idempotent and ranges can overlap.
/// <list type="bullet">
/// <item>Wind speed: a synoptic level drawn every 6 hours from a Weibull distribution (shape 2, scale
/// 7 m/s, typical of a Swiss lowland site) and joined smoothly (cosine interpolation), so it persists for
/// hours; plus a mild afternoon rise; plus turbulence as an AR(1) process (0.95 a minute, about 10% of the
/// level); plus a few gusts a day, 1 to 3 minutes of 2 to 6 m/s more. Never below 0.</item>
/// <item>Power: <see cref="PowerCurve"/> at that wind speed, with 2% noise, within 0 and rated power.</item>
/// <item>Ambient temperature in Basel: a seasonal mean (1 °C in January to 19 °C in July), a daily cycle of
/// ±4.5 °C peaking at 15:00 local time (Europe/Zurich), and 0.2 °C noise.</item>
/// <item>Faults on a few fixed days: see <see cref="SeedFaults"/>.</item>
/// </list>
/// </summary>
public sealed class WindGenerator(int seed = WindGenerator.DefaultSeed)
{
    public const int DefaultSeed = 20241001;
    public static readonly DateOnly DefaultFrom = new(2024, 10, 1);
    public static readonly DateOnly DefaultTo = new(2024, 10, 22);

    private const int MinutesPerDay = 1440;
    private const double SynopticHours = 6;
    private static readonly TimeZoneInfo Basel = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    /// <summary>The rows of one UTC day, one a minute, faults included.</summary>
    public IReadOnlyList<SourceReading> Day(DateOnly day)
    {
        var dayNumber = day.DayNumber;
        var random = SeedRandom.For(seed, dayNumber);
        var gusts = Gusts(random);
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var turbulence = random.NextGaussian() * 0.5;
        var rows = new List<SourceReading>(MinutesPerDay);
        for (var minute = 0; minute < MinutesPerDay; minute++)
        {
            var timestamp = start.AddMinutes(minute);
            var level = Synoptic(timestamp);
            var local = TimeZoneInfo.ConvertTimeFromUtc(timestamp, Basel);
            var hourOfDay = local.Hour + local.Minute / 60.0;
            var diurnal = 0.6 * Math.Cos(2 * Math.PI * (hourOfDay - 14) / 24);
            turbulence = 0.95 * turbulence + random.NextGaussian() * 0.1 * level * Math.Sqrt(1 - 0.95 * 0.95);
            var wind = Math.Max(0, level + diurnal + turbulence + gusts[minute]);
            var power = Math.Clamp(PowerCurve.PowerKw(wind) * (1 + 0.02 * random.NextGaussian()), 0, PowerCurve.RatedKw);
            var temperature = SeasonalMean(local) + 4.5 * Math.Cos(2 * Math.PI * (hourOfDay - 15) / 24) + 0.2 * random.NextGaussian();
            rows.Add(new SourceReading(timestamp, Math.Round(wind, 2), Math.Round(power, 1), Math.Round(temperature, 2)));
        }
        return SeedFaults.Apply(day, rows).ToList();
    }

    private double[] Gusts(SeedRandom random)
    {
        var gusts = new double[MinutesPerDay];
        var count = 2 + random.NextInt(5);
        for (var g = 0; g < count; g++)
        {
            var at = random.NextInt(MinutesPerDay);
            var length = 1 + random.NextInt(3);
            var strength = 2 + 4 * random.NextDouble();
            for (var m = at; m < Math.Min(MinutesPerDay, at + length); m++) gusts[m] = strength;
        }
        return gusts;
    }

    /// <summary>The slow wind level: Weibull anchors every 6 hours, cosine-interpolated (continuous across days).</summary>
    private double Synoptic(DateTime utc)
    {
        var hours = (utc - DateTime.UnixEpoch).TotalHours / SynopticHours;
        var anchor = (long)Math.Floor(hours);
        var share = hours - anchor;
        var weight = (1 - Math.Cos(Math.PI * share)) / 2;
        return Anchor(anchor) * (1 - weight) + Anchor(anchor + 1) * weight;
    }

    private double Anchor(long index)
    {
        var u = SeedRandom.For(seed, -1 - index).NextDouble();
        return 7.0 * Math.Sqrt(-Math.Log(1 - u));
    }

    private static double SeasonalMean(DateTime local) => 10 - 9 * Math.Cos(2 * Math.PI * (local.DayOfYear - 20) / 365.25);
}
