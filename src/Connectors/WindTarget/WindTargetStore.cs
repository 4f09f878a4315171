using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Sql;

namespace Pipeline.Connectors.WindTarget;

/// <summary>
/// The target database of the wind ETL. Every write replaces a time range in one transaction, so a task
/// run again (a retry, a re-run of the day) leaves exactly the rows a single run would; for the same reason each
/// read and write runs again on a new connection when its pooled one turns out dead (<see cref="DeadConnectionRetry"/>).
/// </summary>
public sealed class WindTargetStore
{
    private readonly SqlDatabase _database;
    private readonly Once _ready;

    public WindTargetStore(SqlDatabase database)
    {
        _database = database;
        _ready = new Once(MigrateAsync);
    }

    private static readonly string[] MinuteColumns = ["timestamp", "wind_speed", "power"];
    /// <summary>A staged window's columns: its start, then one per signal, named and ordered as <see cref="WindSignals.All"/>.</summary>
    private static readonly string[] WindowColumns = ["timestamp", .. WindSignals.All.Select(s => s.Name)];

    private static readonly Dictionary<int, int> WindowColumnOfSignal =
        WindSignals.All.Select((signal, i) => (signal.Id, Column: i + 1)).ToDictionary(x => x.Id, x => x.Column);

    /// <summary>The staged windows of [@start, @end) as <c>data</c> rows: one per signal whose column is not null.</summary>
    private static readonly string PublishWindows =
        "INSERT INTO data (timestamp, signal_id, value) SELECT timestamp, signal_id, value FROM (" +
        "SELECT w.timestamp, s.id AS signal_id, CASE s.id " +
        string.Join(" ", WindSignals.All.Select(signal => $"WHEN {signal.Id} THEN w.{signal.Name}")) + " END AS value " +
        "FROM staged_windows w CROSS JOIN signal s WHERE w.timestamp >= @start AND w.timestamp < @end) AS v " +
        "WHERE value IS NOT NULL";

    public SqlDatabase Database => _database;

    /// <summary>Creates and migrates the database the first time this process needs it.</summary>
    public Task EnsureReadyAsync(CancellationToken ct) => _ready.RunAsync(ct);

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = CreateContext();
        await _database.MigrateAsync(db, ct);
    }

    public WindTargetContext CreateContext() => _database.Provider == SqlProvider.Postgres
        ? new PostgresWindTargetContext(Options<PostgresWindTargetContext>())
        : new SqliteWindTargetContext(Options<SqliteWindTargetContext>());

    /// <summary>Replaces the staged minutes of [start, end).</summary>
    public Task<int> StageMinutesAsync(DateTime start, DateTime end, IEnumerable<StagedMinute> minutes, CancellationToken ct) =>
        ReplaceRangeAsync("staged_minutes", MinuteColumns, start, end,
            minutes.Select(m => new object?[] { Utc(m.Timestamp), m.WindSpeed, m.Power }), ct);

    public async Task<IReadOnlyList<StagedMinute>> ReadStagedMinutesAsync(DateTime start, DateTime end, CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await _database.WithConnectionAsync<IReadOnlyList<StagedMinute>>(async (connection, token) =>
        {
            await using var command = RangeCommand(connection,
                "SELECT timestamp, wind_speed, power FROM staged_minutes WHERE timestamp >= @start AND timestamp < @end ORDER BY timestamp",
                start, end);
            await using var reader = await command.ExecuteReaderAsync(token);
            var minutes = new List<StagedMinute>(1500);
            while (await reader.ReadAsync(token))
                minutes.Add(new StagedMinute(reader.UtcDateTime(0), reader.NullableDouble(1), reader.NullableDouble(2)));
            return minutes;
        }, ct);
    }

    /// <summary>Replaces the staged aggregates of [start, end), one row per window; returns the windows staged.</summary>
    public Task<int> StageWindowsAsync(DateTime start, DateTime end, IEnumerable<SignalValue> values, CancellationToken ct) =>
        ReplaceRangeAsync("staged_windows", WindowColumns, start, end, Windows(values), ct);

    /// <summary>The values gathered by window, in time order: the window's start, then each signal's value or null.</summary>
    private static IEnumerable<object?[]> Windows(IEnumerable<SignalValue> values)
    {
        var windows = new SortedDictionary<DateTime, object?[]>();
        foreach (var value in values)
        {
            if (!windows.TryGetValue(value.Timestamp, out var row))
            {
                row = new object?[WindowColumns.Length];
                row[0] = Utc(value.Timestamp);
                windows.Add(value.Timestamp, row);
            }
            var column = WindowColumnOfSignal[value.SignalId];
            if (row[column] is not null)
                throw new ArgumentException($"Two values of {WindowColumns[column]} for the window at {value.Timestamp:u}.");
            row[column] = value.Value;
        }
        return windows.Values;
    }

    /// <summary>
    /// Publishes the staged aggregates of [start, end) to <c>data</c>: the range's rows are deleted and the
    /// staged ones inserted in one transaction, so readers see the old day or the new one, never a mix. The same
    /// transaction clears the range's staged windows, which nothing reads once the day is loaded. The staged minutes
    /// stay: they are extract's output, from which a fixed transform is replayed without reading the source again
    /// (clearing transform and what follows it). A load run again after its windows were cleared (its attempt
    /// committed but its task did not record success) finds nothing staged and leaves the published rows as they
    /// are, returning their count. The three statements go to the server in one round trip where the provider can
    /// batch them (PostgreSQL); the delete only happens when something is staged.
    /// </summary>
    public async Task<int> LoadAsync(DateTime start, DateTime end, CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await _database.WithConnectionAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            var affected = await SqlBatch.RunAsync(connection, transaction, [
                ("DELETE FROM data WHERE timestamp >= @start AND timestamp < @end " +
                    "AND EXISTS (SELECT 1 FROM staged_windows WHERE timestamp >= @start AND timestamp < @end)", Range(start, end)),
                (PublishWindows, Range(start, end)),
                ("DELETE FROM staged_windows WHERE timestamp >= @start AND timestamp < @end", Range(start, end)),
            ], token);
            var rows = affected[1];
            if (rows == 0)
            {
                // Nothing was staged: the day's published rows stand.
                await using var published = RangeCommand(connection,
                    "SELECT count(*) FROM data WHERE timestamp >= @start AND timestamp < @end", start, end, transaction);
                rows = Convert.ToInt32(await published.ExecuteScalarAsync(token));
            }
            await transaction.CommitAsync(token);
            return rows;
        }, ct);
    }

    /// <summary>The published values of [start, end), by time then signal id.</summary>
    public async Task<IReadOnlyList<SignalValue>> ReadDataAsync(DateTime start, DateTime end, CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await _database.WithConnectionAsync<IReadOnlyList<SignalValue>>(async (connection, token) =>
        {
            await using var command = RangeCommand(connection,
                "SELECT timestamp, signal_id, value FROM data WHERE timestamp >= @start AND timestamp < @end ORDER BY timestamp, signal_id",
                start, end);
            await using var reader = await command.ExecuteReaderAsync(token);
            var values = new List<SignalValue>();
            while (await reader.ReadAsync(token))
                values.Add(new SignalValue(reader.UtcDateTime(0), reader.GetInt32(1), reader.GetDouble(2)));
            return values;
        }, ct);
    }

    private async Task<int> ReplaceRangeAsync(string table, IReadOnlyList<string> columns, DateTime start, DateTime end,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await _database.WithConnectionAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            await using (var delete = RangeCommand(connection, $"DELETE FROM {table} WHERE timestamp >= @start AND timestamp < @end", start, end, transaction))
                await delete.ExecuteNonQueryAsync(token);
            var count = await BulkInsert.RunAsync(connection, transaction, table, columns, rows, token);
            await transaction.CommitAsync(token);
            return count;
        }, ct);
    }

    private static DbCommand RangeCommand(DbConnection connection, string sql,
        DateTime start, DateTime end, DbTransaction? transaction = null)
    {
        var command = connection.Command(sql, transaction);
        command.Add("start", Utc(start));
        command.Add("end", Utc(end));
        return command;
    }

    private static (string Name, object? Value)[] Range(DateTime start, DateTime end) => [("start", Utc(start)), ("end", Utc(end))];

    private DbContextOptions<T> Options<T>() where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        builder.UseSqlDatabase(_database);
        return builder.Options;
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
