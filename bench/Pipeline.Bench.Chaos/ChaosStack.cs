using Microsoft.Extensions.Configuration;
using Npgsql;
using Pipeline.Bench.AirQuality;
using Pipeline.HostControl;
using Pipeline.Scheduler.Cli;
using StackExchange.Redis;

namespace Pipeline.Bench.Chaos;

/// <summary>
/// Three hosts on the real services (PostgreSQL, Kafka, Redis, RabbitMQ, S3) with names of this bench's own, and
/// what a round needs around them: clearing the outputs before a round and reading them after.
/// </summary>
public sealed class ChaosStack : IAsyncDisposable
{
    public const string FirstDay = "2024-10-01";
    private readonly BenchServices _services = BenchServices.FromEnvironment();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _databases = [];
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("pipeline-chaos-").FullName;
    private ConnectionMultiplexer? _redis;

    public SchedulerProcess?[] Hosts { get; } = new SchedulerProcess?[3];
    public string Engine { get; private set; } = "";
    public string Target { get; private set; } = "";
    public RunStoreProbe Store => RunStoreProbe.Postgres(Engine);
    private string KeyPrefix => $"chaos-{_suffix}:";

    public async Task StartAsync(int days, CancellationToken ct)
    {
        Engine = await CreateDatabaseAsync("engine", ct);
        var source = await CreateDatabaseAsync("source", ct);
        Target = await CreateDatabaseAsync("target", ct);
        var error = new StringWriter();
        var lastDay = DateOnly.Parse(FirstDay).AddDays(days - 1).ToString("yyyy-MM-dd");
        var seeded = await CliApp.RunAsync(["seed-source", "--from", FirstDay, "--to", lastDay], TextWriter.Null, error, config =>
            config.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:WindSource"] = source, ["Engine:DataDirectory"] = _dataRoot }));
        if (seeded != 0) throw new InvalidOperationException($"seed-source failed: {error}");
        _settings = Settings(source);
        _redis = await ConnectionMultiplexer.ConnectAsync(_services.Redis + ",allowAdmin=true");
        for (var i = 0; i < Hosts.Length; i++) await RestartAsync(i, ct);
    }

    private Dictionary<string, string?> _settings = [];

    /// <summary>Starts host i (again), on a data folder of its own.</summary>
    public async Task RestartAsync(int i, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>(_settings) { ["Engine:DataDirectory"] = Path.Combine(_dataRoot, $"host{i}-{Guid.NewGuid():N}") };
        Hosts[i] = await SchedulerProcess.StartAsync(settings, ct);
    }

    /// <summary>Every output a round writes is removed first, so that what a round loses cannot hide behind an earlier round's rows.</summary>
    public async Task ClearOutputsAsync(CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(Target))
        {
            await connection.OpenAsync(ct);
            // The hosts create the target's tables on first use: before the first round there is nothing to clear.
            await using var truncate = new NpgsqlCommand(
                "DO $$ BEGIN IF to_regclass('data') IS NOT NULL THEN TRUNCATE data, staged_minutes, staged_windows; END IF; END $$", connection);
            await truncate.ExecuteNonQueryAsync(ct);
        }
        var server = _redis!.GetServers()[0];
        var db = _redis.GetDatabase();
        foreach (var key in server.Keys(pattern: KeyPrefix + "*"))
            await db.KeyDeleteAsync(key);
    }

    /// <summary>The wind target's rows, "timestamp signal value", in order.</summary>
    public async Task<List<string>> TargetRowsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Target);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' ' || signal_id || ' ' || value FROM data ORDER BY timestamp, signal_id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>How many sensor readings the cache holds (one hash per reading).</summary>
    public long CachedReadings() =>
        _redis!.GetServers()[0].Keys(pattern: KeyPrefix + "sensor:*", pageSize: 1000).LongCount();

    private Dictionary<string, string?> Settings(string source) => new()
    {
        ["ConnectionStrings:Postgres"] = Engine,
        ["ConnectionStrings:WindSource"] = source,
        ["ConnectionStrings:WindTarget"] = Target,
        ["ConnectionStrings:Redis"] = _services.Redis,
        ["ConnectionStrings:RabbitMq"] = _services.RabbitMq,
        ["Kafka:BootstrapServers"] = _services.Kafka,
        ["Lake:Endpoint"] = _services.S3Endpoint,
        ["Lake:AccessKey"] = _services.S3AccessKey,
        ["Lake:SecretKey"] = _services.S3SecretKey,
        ["Cache:KeyPrefix"] = KeyPrefix,
        ["AirQuality:Bucket"] = $"chaos-air-quality-{_suffix}",
        ["AirQuality:Topic"] = $"chaos-sensor-raw-{_suffix}",
        ["AirQuality:ConsumerGroup"] = $"chaos-air-quality-{_suffix}",
        ["AirQuality:AlertQueue"] = $"chaos-sensor-alert-{_suffix}",
        ["Engine:RegisterSchedules"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Pipeline.Tasks"] = "None",
    };

    private async Task<string> CreateDatabaseAsync(string purpose, CancellationToken ct)
    {
        var name = $"pipeline_chaos_{purpose}_{_suffix}";
        await using var connection = new NpgsqlConnection(_services.Postgres);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_services.Postgres) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
            if (host is not null) await host.DisposeAsync();
        _redis?.Dispose();
        await using var connection = new NpgsqlConnection(_services.Postgres);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dataRoot, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
    }
}
