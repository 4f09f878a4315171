namespace Pipeline.Connectors.WindSource.Seeding;

/// <summary>
/// The faults the generator puts in on purpose, on fixed days of the default range, so that the ETL's
/// quality check has something to find. Each stays under the check's default limit (10% bad minutes),
/// so the days still load; every other day is clean.
/// </summary>
public static class SeedFaults
{
    /// <summary>A logger outage: 30 minutes with no row at all (01:00 to 01:29 UTC).</summary>
    public static readonly DateOnly GapDay = new(2024, 10, 4);

    /// <summary>Sensor dropouts: wind_speed null for 12 minutes from 14:00 UTC, power null for 5 minutes from 18:00 UTC.</summary>
    public static readonly DateOnly NullDay = new(2024, 10, 9);

    /// <summary>Impossible values: a negative wind speed for 3 minutes from 06:00 UTC, 5,000 kW for 4 minutes from 12:00 UTC.</summary>
    public static readonly DateOnly ImpossibleDay = new(2024, 10, 15);

    public static IEnumerable<SourceReading> Apply(DateOnly day, IEnumerable<SourceReading> rows)
    {
        foreach (var row in rows)
        {
            var minute = row.Timestamp.Hour * 60 + row.Timestamp.Minute;
            if (day == GapDay && minute is >= 60 and < 90) continue;
            if (day == NullDay && minute is >= 14 * 60 and < 14 * 60 + 12) yield return row with { WindSpeed = null };
            else if (day == NullDay && minute is >= 18 * 60 and < 18 * 60 + 5) yield return row with { Power = null };
            else if (day == ImpossibleDay && minute is >= 6 * 60 and < 6 * 60 + 3) yield return row with { WindSpeed = -3.2 };
            else if (day == ImpossibleDay && minute is >= 12 * 60 and < 12 * 60 + 4) yield return row with { Power = 5000 };
            else yield return row;
        }
    }
}
