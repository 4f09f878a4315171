using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

/// <summary>
/// Over a long history on PostgreSQL (20,000 runs of one pipeline), every statement that the run lists, the partitions,
/// the pipelines and a run's page send reads a few rows of the runs table, not all of them: each is run again under
/// EXPLAIN ANALYZE, as it was sent, and its plan must read at most a tenth of the table, with no sequential scan. A dropped
/// index, a count of the whole history or a grouping over every run fails here. (The engine's own background reads of the
/// same database are checked too: they must not read the whole history either.)
/// </summary>
public sealed class StoreReadsTests
{
    private const int Days = 400, RunsPerDay = 50;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_partitions_and_pages_read_a_few_rows_of_a_long_history()
    {
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-Days);
        var recorder = new StatementRecorder();
        await using var host = await PagedHost.StartAsync(postgres: true, firstDay, freshness: true, recorder);
        await host.Client.GetJsonAsync("/api/pipelines"); // started: the schema exists
        var connection = host.PostgresConnectionString!;
        var (newest, middle, failedDay) = await SeedAsync(connection, firstDay);
        recorder.Start();

        foreach (var path in new[]
        {
            "/api/runs", $"/api/runs?pipeline={PagedHost.Pipeline}", $"/api/runs?pipeline={PagedHost.Pipeline}&state=Failed",
            "/api/runs?state=Failed", $"/api/runs?partition={failedDay:yyyy-MM-dd}", $"/api/runs?pipeline={PagedHost.Pipeline}&before={middle}",
            $"/api/runs/{newest}", $"/api/pipelines/{PagedHost.Pipeline}/partitions", $"/api/pipelines/{PagedHost.Pipeline}/partitions?from={firstDay:yyyy-MM-dd}",
            "/api/pipelines", $"/api/pipelines/{PagedHost.Pipeline}/grid", "/hangfire/pipelines", $"/hangfire/pipelines/{PagedHost.Pipeline}",
            $"/hangfire/pipelines/runs/{newest}",
        })
        {
            using var response = await host.Client.GetAsync(path, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {response.StatusCode}");
        }

        // Reads only: EXPLAIN ANALYZE runs the statement.
        var reads = recorder.Statements.Where(s => s.Text.Contains("pipeline_runs", StringComparison.Ordinal)
            && (s.Text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || s.Text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.NotEmpty(reads);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(Ct);
        foreach (var statement in reads)
        {
            var plan = await ExplainAsync(db, statement);
            var scans = Scans(plan).Where(n => n.GetProperty("Relation Name").GetString() == "pipeline_runs").ToList();
            Assert.DoesNotContain(scans, n => n.GetProperty("Node Type").GetString() == "Seq Scan");
            var rows = scans.Sum(RowsRead);
            Assert.True(rows <= Days * RunsPerDay / 10, $"{rows:N0} rows of pipeline_runs read by:\n{statement.Text}\n{plan}");
        }
    }

    /// <summary>Days × runs a day of the pipeline (one in twenty failed) with set-based SQL; returns the newest run, one halfway down and a failed day.</summary>
    private static async Task<(Guid Newest, Guid Middle, DateOnly FailedDay)> SeedAsync(string connectionString, DateOnly firstDay)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(Ct);
        await using (var seed = new NpgsqlCommand("""
            INSERT INTO pipeline_runs (id, pipeline, partition, parameters_json, trigger, state, priority, overrides_pause, created_at, started_at, finished_at, version)
            SELECT gen_random_uuid(), @pipeline, @first + (n % @days), '{}', 'backfill', CASE WHEN n % 20 = 7 THEN 'Failed' ELSE 'Succeeded' END, 0, false,
                   now() - make_interval(mins => @runs - n), now() - make_interval(mins => @runs - n), now() - make_interval(mins => @runs - n), 1
            FROM generate_series(0, @runs - 1) AS n;
            ANALYZE pipeline_runs;
            """, db))
        {
            seed.Parameters.AddWithValue("pipeline", PagedHost.Pipeline);
            seed.Parameters.AddWithValue("first", firstDay);
            seed.Parameters.AddWithValue("days", Days);
            seed.Parameters.AddWithValue("runs", Days * RunsPerDay);
            await seed.ExecuteNonQueryAsync(Ct);
        }
        await using var pick = new NpgsqlCommand("""
            SELECT (SELECT id FROM pipeline_runs ORDER BY created_at DESC LIMIT 1),
                   (SELECT id FROM pipeline_runs ORDER BY created_at DESC OFFSET @half LIMIT 1),
                   (SELECT partition FROM pipeline_runs WHERE state = 'Failed' LIMIT 1)
            """, db);
        pick.Parameters.AddWithValue("half", Days * RunsPerDay / 2);
        await using var reader = await pick.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2));
    }

    private static async Task<JsonElement> ExplainAsync(NpgsqlConnection db, Statement statement)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.Text, db);
        foreach (var parameter in statement.Parameters) explain.Parameters.Add(parameter);
        var json = (string)(await explain.ExecuteScalarAsync(Ct))!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan");
    }

    private static IEnumerable<JsonElement> Scans(JsonElement node)
    {
        if (node.TryGetProperty("Relation Name", out _)) yield return node;
        if (!node.TryGetProperty("Plans", out var children)) yield break;
        foreach (var child in children.EnumerateArray())
            foreach (var scan in Scans(child))
                yield return scan;
    }

    /// <summary>Rows the scan produced or threw away, over all its loops: what it had to read.</summary>
    private static double RowsRead(JsonElement scan)
    {
        var rows = scan.GetProperty("Actual Rows").GetDouble();
        if (scan.TryGetProperty("Rows Removed by Filter", out var filtered)) rows += filtered.GetDouble();
        if (scan.TryGetProperty("Rows Removed by Index Recheck", out var rechecked)) rows += rechecked.GetDouble();
        return rows * scan.GetProperty("Actual Loops").GetDouble();
    }

    private sealed record Statement(string Text, IReadOnlyList<NpgsqlParameter> Parameters);

    /// <summary>
    /// Every read the run store's contexts send once <see cref="Start"/> is called, with copies of its parameters: an
    /// interceptor on the contexts' options, which EF calls for every command. (EF's diagnostic events were used before;
    /// a pooled context caches "nobody listens" for a second, so statements sent just after subscribing could go unseen.)
    /// </summary>
    private sealed class StatementRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<Statement> _statements = new();
        private volatile bool _recording;

        public IReadOnlyList<Statement> Statements => _statements.ToList();

        public void Start() => _recording = true;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command);
            return result;
        }

        private void Record(DbCommand command)
        {
            if (_recording && command is NpgsqlCommand npgsql)
                _statements.Enqueue(new Statement(npgsql.CommandText, npgsql.Parameters.Select(p => p.Clone()).ToList()));
        }
    }
}
