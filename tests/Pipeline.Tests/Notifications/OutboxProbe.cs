using Npgsql;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// Reads the outbox (the run store's `notifications` table on PostgreSQL) from outside the hosts, as a fault test must
/// to choose its moment: it cannot ask a host it is about to kill or has frozen.
/// </summary>
public sealed class OutboxProbe(string connectionString)
{
    // Not pooled: the hosts it watches are killed, and nothing here should outlive a test.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public sealed record Row(string Kind, string Channel, string State, int Attempts, DateTime? ClaimedUntil, DateTime? DeliveredAt, string? LastError)
    {
        public bool Claimed => ClaimedUntil is not null;
    }

    /// <summary>Every notification of a run, oldest first.</summary>
    public async Task<IReadOnlyList<Row>> OfRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT kind, channel, state, attempts, claimed_until, delivered_at, last_error FROM notifications WHERE run_id = @run ORDER BY created_at", connection);
        command.Parameters.AddWithValue("run", runId);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc),
                reader.IsDBNull(5) ? null : DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }

    /// <summary>The one notification of a run (the run failed once, one channel).</summary>
    public async Task<Row> OneOfRunAsync(Guid runId, CancellationToken ct) => Assert.Single(await OfRunAsync(runId, ct));

    /// <summary>Every run of a pipeline as "partition state", for asserting that a run ended once and how.</summary>
    public async Task<IReadOnlyList<string>> RunsAsync(string pipeline, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(to_char(partition, 'YYYY-MM-DD'), '-') || ' ' || state FROM pipeline_runs WHERE pipeline = @pipeline ORDER BY partition", connection);
        command.Parameters.AddWithValue("pipeline", pipeline);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(reader.GetString(0));
        return rows;
    }
}
