using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Sql;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// The embedded run store's own long-lived connection for hand-written transitions, with their statements prepared on it
/// (<see cref="SqliteTransitionStatements"/>). One at a time: SQLite has one write lock, so a second connection would only
/// wait for it in the busy handler, which sleeps milliseconds between tries, where a waiter here is let in as soon as the
/// holder commits. EF's transactions on their own connections wait in the same queue (<see cref="SqliteWriteGate"/>).
/// </summary>
public sealed class SqliteTransitionConnection(IDbContextFactory<RunStoreContext> store, SqliteWriteGate writers) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteTransitionStatements? _statements;
    private bool _disposed;

    /// <summary>Runs <paramref name="work"/> alone on the connection; it must not wait for anything but SQLite.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteTransitionStatements, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var statements = _statements ??= await OpenAsync(ct);
            var turn = await writers.EnterAsync(ct);
            try
            {
                return work(statements);
            }
            finally
            {
                if (turn) writers.Leave();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SqliteTransitionStatements> OpenAsync(CancellationToken ct)
    {
        string connectionString;
        await using (var db = await store.CreateDbContextAsync(ct))
            connectionString = db.Database.GetConnectionString()!;
        // Not pooled: the connection lives as long as the host, and closes (with its statements) when the host stops, so the
        // store's file is let go like EF's connections are.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            // The same settings as every other connection to the store: durability is unchanged.
            await SqliteConnectionSettings.ApplyAsync(connection, ct);
            var statements = new SqliteTransitionStatements(connection);
            _connection = connection;
            return statements;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _statements?.Dispose();
            _connection?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            _statements?.Dispose();
            if (_connection is not null) await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
