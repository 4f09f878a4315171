using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Pipeline.HostControl;

namespace Pipeline.Bench.Webhooks;

/// <summary>
/// One setup measured: its hosts (real Scheduler processes) on fresh storage, N breweries runs failing one after the
/// other, and for each the time from the run's FinishedAt (as the run store has it, read through GET /api/runs/{id})
/// to its webhook's arrival at the receiver, split at the moment a host batched and claimed the notification
/// (`batched_at` in the run store's `notifications`): before it, waking up (signal, poll, lock); after it, composing
/// and the HTTP call.
/// </summary>
public sealed class LatencySetup(string name, int hostCount, string? postgresServer, bool deadWebhook, IReadOnlyDictionary<string, string?> extraSettings)
{
    private const string Pipeline = "breweries";
    private static readonly DateOnly FirstDay = new(2025, 1, 1);
    private static readonly TimeSpan WebhookDeadline = TimeSpan.FromSeconds(60);

    public string Name => name;

    public async Task<SetupResult> RunAsync(int runs, WebhookReceiver receiver, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("pipeline-webhook-bench-").FullName;
        var database = postgresServer is null ? null : await CreateDatabaseAsync(postgresServer, ct);
        var store = database is null ? RunStoreProbe.Sqlite(Path.Combine(root, "host0", "pipeline.db")) : RunStoreProbe.Postgres(database);
        var hosts = new List<SchedulerProcess>();
        try
        {
            // One after the other: the first one creates the run store's tables.
            for (var i = 0; i < hostCount; i++)
                hosts.Add(await SchedulerProcess.StartAsync(Settings(database, Path.Combine(root, $"host{i}"), receiver), ct));
            // One run first, not counted: the first failure of a fresh host pays for JIT compilation.
            await FailOnceAsync(hosts[0], FirstDay, receiver, store, ct);
            var timings = new List<RunTiming>();
            for (var i = 1; i <= runs; i++)
                timings.Add(await FailOnceAsync(hosts[i % hosts.Count], FirstDay.AddDays(i), receiver, store, ct));
            return new SetupResult(name, hostCount, timings);
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
            if (database is not null) await DropDatabaseAsync(postgresServer!, database);
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { /* a file a host still held; the OS cleans temp */ }
        }
    }

    /// <summary>Triggers a run that fails and times its webhook (nothing when none came within a minute).</summary>
    private async Task<RunTiming> FailOnceAsync(SchedulerProcess host, DateOnly day, WebhookReceiver receiver, RunStoreProbe store, CancellationToken ct)
    {
        using var response = await host.Http.PostAsJsonAsync($"/api/pipelines/{Pipeline}/runs", new { partition = day.ToString("yyyy-MM-dd") }, ct);
        response.EnsureSuccessStatusCode();
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetGuid();
        var until = DateTime.UtcNow + WebhookDeadline;
        while (receiver.ArrivalsOf(runId).Count == 0 && DateTime.UtcNow < until) await Task.Delay(10, ct);
        var arrivals = receiver.ArrivalsOf(runId);
        var run = (await host.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", ct)).GetProperty("run");
        if (run.GetProperty("state").GetString() != "Failed")
            throw new InvalidOperationException($"Run {runId} of {Pipeline} for {day} ended {run.GetProperty("state")}, not Failed:\n{host.OutputTail}");
        if (arrivals.Count == 0) return new RunTiming(null, null, 0);
        var finishedAt = DateTime.SpecifyKind(run.GetProperty("finishedAt").GetDateTime(), DateTimeKind.Utc);
        var claimedAt = await BatchedAtAsync(store, runId, ct);
        return new RunTiming((arrivals.Min() - finishedAt).TotalSeconds, (claimedAt - finishedAt).TotalSeconds, arrivals.Count);
    }

    /// <summary>When a host batched and claimed the run's notification to the bench's webhook, from the run store.</summary>
    private async Task<DateTime> BatchedAtAsync(RunStoreProbe store, Guid runId, CancellationToken ct)
    {
        // PostgreSQL keeps a uuid and a timestamp; SQLite (EF Core) the Guid as upper-case text and the time as text.
        var sql = postgresServer is not null
            ? $"SELECT to_char(batched_at, 'YYYY-MM-DD HH24:MI:SS.US') FROM notifications WHERE run_id = '{runId}' AND channel = 'webhook:bench'"
            : $"SELECT batched_at FROM notifications WHERE upper(run_id) = '{runId.ToString().ToUpperInvariant()}' AND channel = 'webhook:bench'";
        var text = (await store.LinesAsync(sql, ct)).Single();
        return DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>
    /// Hosts whose breweries runs fail at once (the API at a closed port, one attempt) and notify each failure to the
    /// receiver. Every notification alone (no storm window), so that each measures a failure's own delivery; the rest
    /// of the notification settings are the defaults unless --set says otherwise.
    /// </summary>
    private Dictionary<string, string?> Settings(string? database, string dataDirectory, WebhookReceiver receiver)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = dataDirectory,
            ["Engine:RegisterSchedules"] = "false",
            ["Apis:OpenBreweryDb:BaseAddress"] = "http://127.0.0.1:9",
            ["Apis:OpenBreweryDb:MaxRetries"] = "0",
            ["Breweries:TaskAttempts"] = "1",
            ["Notifications:Webhooks:bench"] = receiver.Url,
            [$"Notifications:Pipelines:{Pipeline}:Events"] = "RunFailed",
            [$"Notifications:Pipelines:{Pipeline}:Webhooks:0"] = "bench",
            ["Notifications:StormWindow"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
        };
        if (database is not null) settings["ConnectionStrings:Postgres"] = database;
        if (deadWebhook)
        {
            settings["Notifications:Webhooks:dead"] = receiver.DeadUrl;
            settings[$"Notifications:Pipelines:{Pipeline}:Webhooks:1"] = "dead";
        }
        foreach (var (key, value) in extraSettings) settings[key] = value;
        return settings;
    }

    private static async Task<string> CreateDatabaseAsync(string server, CancellationToken ct)
    {
        var name = $"pipeline_webhooks_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        // The host also makes databases of its own beside the main one (the warehouse: "<name>_warehouse").
        await using var drop = new NpgsqlCommand(
            $"SELECT datname FROM pg_database WHERE datname = '{name}' OR starts_with(datname, '{name}_')", connection);
        var names = new List<string>();
        await using (var reader = await drop.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var each in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{each}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>One failed run: seconds from its end to its webhook's arrival and to the claim of its notification (null: not told within a minute), and how many webhooks came.</summary>
public sealed record RunTiming(double? Seconds, double? ToClaim, int Arrivals);

/// <summary>What one setup measured.</summary>
public sealed record SetupResult(string Name, int Hosts, IReadOnlyList<RunTiming> Runs)
{
    public IReadOnlyList<double> Seconds => Runs.Select(r => r.Seconds).OfType<double>().ToList();
    public IReadOnlyList<double> ToClaim => Runs.Select(r => r.ToClaim).OfType<double>().ToList();
    public IReadOnlyList<double> ClaimToArrival => Runs.Where(r => r.Seconds is not null).Select(r => r.Seconds!.Value - r.ToClaim!.Value).ToList();
    public int Missed => Runs.Count(r => r.Seconds is null);
    public int Duplicated => Runs.Count(r => r.Arrivals > 1);
}
