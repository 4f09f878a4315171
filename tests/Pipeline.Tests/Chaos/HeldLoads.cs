using System.Data;
using System.Globalization;
using Npgsql;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.WindTarget;

namespace Pipeline.Tests.Chaos;

/// <summary>
/// Keeps chosen days of a wind-etl backfill from loading until released, so that a fault lands while a host holds a
/// running attempt however fast the rest of the backfill goes (a whole backfill can end between two looks of a test).
/// A row of each day is put in the target's <c>data</c> and locked by a transaction left open: a day's load deletes the
/// day's rows before it publishes, so it waits on that lock with its attempt running. Backfill runs start in partition
/// order, so holding two days in a row with two runs at a time also keeps the later days from starting. Once released,
/// a load goes on and replaces the row with the day's own, so the target still equals a clean backfill's.
/// </summary>
public sealed class HeldLoads : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _released;

    private HeldLoads(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Migrates the target as a host would, then holds the loads of <paramref name="days"/> (yyyy-MM-dd).</summary>
    public static async Task<HeldLoads> HoldAsync(string target, params string[] days)
    {
        var ct = TestContext.Current.CancellationToken;
        await new WindTargetStore(new SqlDatabase("wind_target", SqlProvider.Postgres, target)).EnsureReadyAsync(ct);
        // Its own connection: the lock must not go back to a pool, and a database restart must simply end it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        var starts = days.Select(d => DateTime.SpecifyKind(DateTime.Parse(d, CultureInfo.InvariantCulture), DateTimeKind.Utc)).ToArray();
        await using (var insert = new NpgsqlCommand("INSERT INTO data (timestamp, signal_id, value) SELECT unnest(@starts), @signal, 0", connection))
        {
            insert.Parameters.AddWithValue("starts", starts);
            insert.Parameters.AddWithValue("signal", WindSignals.All[0].Id);
            await insert.ExecuteNonQueryAsync(ct);
        }
        var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockRows = new NpgsqlCommand("SELECT count(*) FROM (SELECT 1 FROM data WHERE timestamp = ANY(@starts) FOR UPDATE) AS held", connection, transaction))
        {
            lockRows.Parameters.AddWithValue("starts", starts);
            var held = Convert.ToInt32(await lockRows.ExecuteScalarAsync(ct));
            if (held != days.Length) throw new InvalidOperationException($"Locked {held} rows for {days.Length} days.");
        }
        return new HeldLoads(connection, transaction);
    }

    /// <summary>Lets the held loads go on; once only.</summary>
    public async Task ReleaseAsync()
    {
        if (_released) return;
        _released = true;
        try
        {
            await _transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }
        catch (NpgsqlException) when (_connection.FullState != ConnectionState.Open)
        {
            // A database restart ended the transaction, and its locks, with the connection.
        }
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
