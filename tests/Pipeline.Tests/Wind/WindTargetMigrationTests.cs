using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.WindTarget;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// A target database upgraded while a day was transformed but not yet loaded: its windows, staged one row per
/// value before the WideStagedWindows migration, are still published by the load after it, on both stores.
/// </summary>
public sealed class WindTargetMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Start = new(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    // Two windows: the first with wind speed's four values and power's mean only, the second with power's std only.
    private static readonly SignalValue[] Staged =
    [
        new(Start, WindSignals.IdOf("wind_speed", "mean"), 5.5),
        new(Start, WindSignals.IdOf("wind_speed", "min"), 1),
        new(Start, WindSignals.IdOf("wind_speed", "max"), 10),
        new(Start, WindSignals.IdOf("wind_speed", "std"), 3.0276503540974917),
        new(Start, WindSignals.IdOf("power", "mean"), 45.25),
        new(Start.AddMinutes(10), WindSignals.IdOf("power", "std"), 0.125),
    ];

    [Fact]
    public async Task On_SQLite_windows_staged_before_the_upgrade_are_loaded_after_it()
    {
        using var directory = new TempDirectory();
        var database = new SqlDatabase("wind_target", SqlProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "target.db")}");
        await AssertStagedWindowsSurviveAsync(database);
    }

    [Fact]
    public async Task On_PostgreSQL_windows_staged_before_the_upgrade_are_loaded_after_it()
    {
        await using var target = await PostgresDatabase.CreateAsync("wind_migration");
        await AssertStagedWindowsSurviveAsync(new SqlDatabase("wind_target", SqlProvider.Postgres, target.ConnectionString));
    }

    private static async Task AssertStagedWindowsSurviveAsync(SqlDatabase database)
    {
        var before = new WindTargetStore(database);
        await using (var db = before.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var wide = migrations.FindIndex(m => m.EndsWith("_WideStagedWindows", StringComparison.Ordinal));
            Assert.True(wide > 0, "the WideStagedWindows migration exists and is not the first");
            await db.GetService<IMigrator>().MigrateAsync(migrations[wide - 1], cancellationToken: Ct);
            foreach (var value in Staged)
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO staged_windows (timestamp, signal_id, value) VALUES ({0}, {1}, {2})",
                    [value.Timestamp, value.SignalId, value.Value], Ct);
        }

        // A new process: its store migrates the database on first use, then loads the day.
        var after = new WindTargetStore(database);
        Assert.Equal(Staged.Length, await after.LoadAsync(Start, Start.AddDays(1), Ct));
        Assert.Equal(Staged.OrderBy(v => v.Timestamp).ThenBy(v => v.SignalId), await after.ReadDataAsync(Start, Start.AddDays(1), Ct));
    }
}
