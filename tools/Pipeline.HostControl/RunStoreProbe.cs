using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pipeline.HostControl;

/// <summary>
/// Reads a host's run store from the outside, as a fault test must to choose its moment: it cannot ask a
/// host it is about to kill. Read-only; the same SQL on PostgreSQL and SQLite.
/// </summary>
public sealed class RunStoreProbe(Func<DbConnection> connect)
{
    // Not pooled: a fault test restarts the server under it, and a pooled connection would be a broken one.
    public static RunStoreProbe Postgres(string connectionString) =>
        new(() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString));

    /// <summary>
    /// Opened read-write and unpooled although it only reads: after its host was killed, the first connection to open the file rebuilds
    /// SQLite's WAL index from the log, so it sees every transaction the host committed (a read-only one cannot).
    /// </summary>
    public static RunStoreProbe Sqlite(string path) =>
        new(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()));

    public Task<long> RunsAsync(string pipeline, string state, CancellationToken ct = default) =>
        CountAsync($"SELECT count(*) FROM pipeline_runs WHERE pipeline = '{pipeline}' AND state = '{state}'", ct);

    /// <summary>Attempts running on the host with this process id (its lease owner name carries ":pid:").</summary>
    public Task<long> RunningOnAsync(string hostNamePart, CancellationToken ct = default) =>
        CountAsync($"SELECT count(*) FROM task_runs WHERE state = 'Running' AND lease_owner LIKE '%{hostNamePart}%'", ct);

    /// <summary>Attempts by outcome, e.g. how many were lost with a host.</summary>
    public Task<long> AttemptsAsync(string outcome, string? hostNamePart = null, CancellationToken ct = default) =>
        CountAsync($"SELECT count(*) FROM task_attempts WHERE outcome = '{outcome}'" + (hostNamePart is null ? "" : $" AND host LIKE '%{hostNamePart}%'"), ct);

    /// <summary>Task runs that succeeded with more than one successful attempt: work done twice (must be none).</summary>
    public Task<long> TasksSucceededTwiceAsync(CancellationToken ct = default) =>
        CountAsync("SELECT count(*) FROM (SELECT task_run_id FROM task_attempts WHERE outcome = 'Succeeded' GROUP BY task_run_id HAVING count(*) > 1) twice", ct);

    /// <summary>The hosts (lease owners) running attempts of a pipeline now.</summary>
    public Task<IReadOnlyList<string>> RunningHostsAsync(string pipeline, CancellationToken ct = default) =>
        LinesAsync("SELECT DISTINCT t.lease_owner FROM task_runs t JOIN pipeline_runs r ON r.id = t.run_id " +
                   $"WHERE t.state = 'Running' AND t.lease_owner IS NOT NULL AND r.pipeline = '{pipeline}'", ct);

    /// <summary>Every attempt of a pipeline's runs that did not succeed, one line each (day, task, attempt, outcome, error): why a run failed.</summary>
    public Task<IReadOnlyList<string>> AttemptsNotSucceededAsync(string pipeline, CancellationToken ct = default) =>
        LinesAsync("SELECT coalesce(CAST(r.partition AS TEXT), '-') || ' ' || t.task || ' #' || a.number || ' ' || a.outcome || " +
                   "coalesce(' at ' || CAST(a.finished_at AS TEXT) || ': ' || a.error, '') FROM task_attempts a " +
                   "JOIN task_runs t ON t.id = a.task_run_id JOIN pipeline_runs r ON r.id = t.run_id " +
                   $"WHERE r.pipeline = '{pipeline}' AND a.outcome <> 'Succeeded' ORDER BY r.partition, t.task, a.number", ct);

    /// <summary>Each row of a query that selects one text column: for reports.</summary>
    public async Task<IReadOnlyList<string>> LinesAsync(string sql, CancellationToken ct)
    {
        await using var connection = connect();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
        return lines;
    }

    public async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        await using var connection = connect();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
