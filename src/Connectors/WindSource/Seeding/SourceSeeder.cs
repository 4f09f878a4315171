using Microsoft.Extensions.Logging;

namespace Pipeline.Connectors.WindSource.Seeding;

/// <summary>
/// Fills the source database a UTC day at a time, each day replaced in one transaction, so seeding again
/// (or after an interruption) leaves exactly the same rows.
/// </summary>
public sealed class SourceSeeder(WindSourceStore store, ILogger<SourceSeeder> logger)
{
    /// <summary>Generated data for every day from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public async Task<long> SeedAsync(DateOnly from, DateOnly to, IProgress<DateOnly>? progress, CancellationToken ct, int seed = WindGenerator.DefaultSeed)
    {
        if (to < from) throw new ArgumentException($"'to' ({to:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd}).");
        var generator = new WindGenerator(seed);
        long rows = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var readings = generator.Day(day);
            await store.ReplaceAsync(Start(day), Start(day.AddDays(1)), readings, ct);
            rows += readings.Count;
            progress?.Report(day);
        }
        logger.LogInformation("Seeded {Rows} generated rows from {From} to {To}", rows, from, to);
        return rows;
    }

    /// <summary>Real measurements: every UTC day the file touches is replaced by the file's rows of that day.</summary>
    public async Task<long> ImportAsync(IReadOnlyList<SourceReading> readings, CancellationToken ct)
    {
        foreach (var day in readings.GroupBy(r => DateOnly.FromDateTime(r.Timestamp)))
            await store.ReplaceAsync(Start(day.Key), Start(day.Key.AddDays(1)), day.ToList(), ct);
        logger.LogInformation("Imported {Rows} rows", readings.Count);
        return readings.Count;
    }

    private static DateTime Start(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
