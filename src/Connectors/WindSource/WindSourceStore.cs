using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.WindSource.Seeding;

namespace Pipeline.Connectors.WindSource;

/// <summary>
/// The source database of the wind case: created and migrated on first use, filled a day per transaction by
/// the seeder (see <see cref="BulkInsert"/>), read as a stream by the source API. Each read and each day's replace
/// runs again on a new connection when its pooled one turns out dead (<see cref="DeadConnectionRetry"/>).
/// </summary>
public sealed class WindSourceStore
{
    private static readonly string[] Columns = ["timestamp", "wind_speed", "power", "ambient_temperature"];

    private readonly SqlDatabase _database;
    private readonly bool _seedWhenEmpty;
    private readonly Once _ready;

    /// <param name="database">Where the source data lives.</param>
    /// <param name="seedWhenEmpty">
    /// Fill an empty database with the generator's default range on first use (embedded mode, so that the
    /// pipeline runs at once on a fresh machine).
    /// </param>
    public WindSourceStore(SqlDatabase database, bool seedWhenEmpty = false)
    {
        _database = database;
        _seedWhenEmpty = seedWhenEmpty;
        _ready = new Once(PrepareAsync);
    }

    public SqlDatabase Database => _database;

    public bool SeedsWhenEmpty => _seedWhenEmpty;

    /// <summary>Creates and migrates the database the first time this process needs it.</summary>
    public Task EnsureReadyAsync(CancellationToken ct) => _ready.RunAsync(ct);

    private async Task PrepareAsync(CancellationToken ct)
    {
        await MigrateAsync(ct);
        if (!_seedWhenEmpty) return;
        await using var db = CreateContext();
        if (await db.Data.AnyAsync(ct)) return;
        var generator = new WindGenerator();
        for (var day = WindGenerator.DefaultFrom; day <= WindGenerator.DefaultTo; day = day.AddDays(1))
            await ReplaceCoreAsync(Start(day), Start(day.AddDays(1)), generator.Day(day), ct);
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = CreateContext();
        await _database.MigrateAsync(db, ct);
    }

    public WindSourceContext CreateContext() => _database.Provider == SqlProvider.Postgres
        ? new PostgresWindSourceContext(Options<PostgresWindSourceContext>())
        : new SqliteWindSourceContext(Options<SqliteWindSourceContext>());

    private DbContextOptions<T> Options<T>() where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        builder.UseSqlDatabase(_database);
        return builder.Options;
    }

    /// <summary>How many rows the source holds, and from when to when.</summary>
    public async Task<SourceSummary> SummarizeAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await _database.WithConnectionAsync(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT COUNT(*), MIN(timestamp), MAX(timestamp) FROM data");
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            var count = reader.GetInt64(0);
            return count == 0
                ? new SourceSummary(0, null, null)
                : new SourceSummary(count, reader.UtcDateTime(1), reader.UtcDateTime(2));
        }, ct);
    }

    /// <summary>
    /// The rows in [start, end), oldest first, read one at a time (never the whole range in memory). A dead connection is
    /// found, and the query run again, before any row is handed out.
    /// </summary>
    public async IAsyncEnumerable<SourceReading> ReadAsync(DateTime start, DateTime end, [EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        var (connection, reader) = await _database.OpenAndRunAsync((open, token) =>
        {
            var command = open.Command(
                "SELECT timestamp, wind_speed, power, ambient_temperature FROM data " +
                "WHERE timestamp >= @start AND timestamp < @end ORDER BY timestamp");
            command.Add("start", Utc(start));
            command.Add("end", Utc(end));
            return command.ExecuteReaderAsync(token);
        }, ct);
        await using (connection)
        await using (reader)
        {
            while (await reader.ReadAsync(ct))
                yield return new SourceReading(reader.UtcDateTime(0), reader.NullableDouble(1), reader.NullableDouble(2), reader.NullableDouble(3));
        }
    }

    /// <summary>
    /// Replaces every row in [start, end) with the given ones, in one transaction: seeding a range twice
    /// leaves the same rows. The rows must lie in the range and have distinct timestamps.
    /// </summary>
    public async Task ReplaceAsync(DateTime start, DateTime end, IReadOnlyCollection<SourceReading> rows, CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        await ReplaceCoreAsync(start, end, rows, ct);
    }

    private Task<int> ReplaceCoreAsync(DateTime start, DateTime end, IReadOnlyCollection<SourceReading> rows, CancellationToken ct) =>
        _database.WithConnectionAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            await using (var delete = connection.Command("DELETE FROM data WHERE timestamp >= @start AND timestamp < @end", transaction))
            {
                delete.Add("start", Utc(start));
                delete.Add("end", Utc(end));
                await delete.ExecuteNonQueryAsync(token);
            }

            var inserted = await BulkInsert.RunAsync(connection, transaction, "data", Columns,
                rows.Select(r => new object?[] { Utc(r.Timestamp), r.WindSpeed, r.Power, r.AmbientTemperature }), token);
            await transaction.CommitAsync(token);
            return inserted;
        }, ct);

    private static DateTime Start(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}

public sealed record SourceSummary(long Rows, DateTime? First, DateTime? Last);
