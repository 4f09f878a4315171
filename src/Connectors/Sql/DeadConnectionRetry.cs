using System.Data;
using System.Data.Common;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// Work on a connection of its own, done again on a new connection when the one it had was dead. A PostgreSQL restart
/// kills every connection a pool keeps, and the pool only finds one dead when it hands it out and its first command fails
/// (npgsql/npgsql#5073): without this, each of those connections would fail one request or one task attempt after the
/// database is back. At the first dead connection the pool is cleared, so the next try opens a new one; a few tries with
/// backoff also cover a server that is still starting. The work must be safe to run again: a read, or a write that
/// replaces what it writes in one transaction.
/// </summary>
public static class DeadConnectionRetry
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsDeadOrTransient),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <summary>Opens a connection and runs <paramref name="work"/> on it; the caller owns the connection returned.</summary>
    public static ValueTask<(DbConnection Connection, T Result)> OpenAndRunAsync<T>(this SqlDatabase database,
        Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        Retry.ExecuteAsync(async token =>
        {
            var connection = await database.OpenConnectionAsync(token);
            try
            {
                return (connection, await work(connection, token));
            }
            catch
            {
                // Every idle connection of the pool died with this one: the next open makes a new connection.
                if (connection is NpgsqlConnection { FullState: not ConnectionState.Open } dead) NpgsqlConnection.ClearPool(dead);
                await connection.DisposeAsync();
                throw;
            }
        }, ct);

    /// <summary>Runs <paramref name="work"/> on a connection of its own, closed when it ends.</summary>
    public static async Task<T> WithConnectionAsync<T>(this SqlDatabase database,
        Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var (connection, result) = await database.OpenAndRunAsync(work, ct);
        await connection.DisposeAsync();
        return result;
    }

    /// <summary>
    /// The server ended the connection (a restart, a crash), is not taking connections yet, or another transient failure.
    /// Not a command that ran out of time: run again, it would wait as long again (on a lock, say) for every try.
    /// </summary>
    private static bool IsDeadOrTransient(NpgsqlException e) => e.InnerException is not TimeoutException && (e.IsTransient || e is PostgresException
    {
        SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
    });
}
