using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Pipeline.HostControl;

namespace Pipeline.Bench.Webhooks;

/// <summary>
/// One setup measured: its hosts (real Scheduler processes) on fresh storage, N breweries runs failing one after the
/// other, and for each the time from the run's FinishedAt (as the run store has it, read through GET /api/runs/{id})
/// to its webhook's arrival at the receiver.
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
        var hosts = new List<SchedulerProcess>();
        try
        {
            // One after the other: the first one creates the run store's tables.
            for (var i = 0; i < hostCount; i++)
                hosts.Add(await SchedulerProcess.StartAsync(Settings(database, Path.Combine(root, $"host{i}"), receiver), ct));
            // One run first, not counted: the first failure of a fresh host pays for JIT compilation.
            await FailOnceAsync(hosts[0], FirstDay, receiver, ct);
            var latencies = new List<double>();
            var missed = 0;
            var duplicated = 0;
            for (var i = 1; i <= runs; i++)
            {
                var (latency, arrivals) = await FailOnceAsync(hosts[i % hosts.Count], FirstDay.AddDays(i), receiver, ct);
                if (latency is { } seconds) latencies.Add(seconds);
                else missed++;
                if (arrivals > 1) duplicated++;
            }
            return new SetupResult(name, hostCount, runs, latencies, missed, duplicated);
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
            if (database is not null) await DropDatabaseAsync(postgresServer!, database);
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { /* a file a host still held; the OS cleans temp */ }
        }
    }

    /// <summary>Triggers a run that fails and returns seconds from its end to its webhook (null: none within a minute) and how many came.</summary>
    private static async Task<(double? Seconds, int Arrivals)> FailOnceAsync(SchedulerProcess host, DateOnly day, WebhookReceiver receiver, CancellationToken ct)
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
        if (arrivals.Count == 0) return (null, 0);
        var finishedAt = DateTime.SpecifyKind(run.GetProperty("finishedAt").GetDateTime(), DateTimeKind.Utc);
        return ((arrivals.Min() - finishedAt).TotalSeconds, arrivals.Count);
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

/// <summary>What one setup measured: seconds from each run's failure to its webhook, and the runs told late or twice.</summary>
public sealed record SetupResult(string Name, int Hosts, int Runs, IReadOnlyList<double> Seconds, int Missed, int Duplicated);
