using Npgsql;
using Pipeline.Scheduler.Cli;
using Pipeline.HostControl;
using Pipeline.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Tests.Chaos;

/// <summary>
/// What the wind-etl fault tests share: a source database seeded once, and the target rows of a clean
/// backfill of the same days by one host that nobody disturbed, which every faulted backfill must equal row
/// for row. The tests of this collection run one after the other: each starts real hosts of its own.
/// </summary>
public sealed class WindChaosFixture : IAsyncLifetime
{
    public const string First = "2024-10-01";
    public const string Last = "2024-10-12";
    public const int Days = 12;

    /// <summary>
    /// The days a fault test holds (<see cref="HeldLoads"/>) until its fault has landed: the five days before them load,
    /// these two fill both run slots (<c>WindEtl:MaxConcurrentRuns</c> = 2) with their loads running, and the five after
    /// them wait to start.
    /// </summary>
    public static readonly string[] Held = ["2024-10-06", "2024-10-07"];

    private PostgresDatabase? _source;

    public string SourceConnectionString => _source!.ConnectionString;

    /// <summary>Every (timestamp, signal, value) row a clean backfill loads, in order.</summary>
    public IReadOnlyList<string> CleanTarget { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        _source = await PostgresDatabase.CreateAsync("chaos_source");
        await SeedAsync(SourceConnectionString);

        await using var engine = await PostgresDatabase.CreateAsync("chaos_clean");
        await using var target = await PostgresDatabase.CreateAsync("chaos_clean_target");
        using var hostData = new TempDirectory();
        await using (var host = await SchedulerProcess.StartAsync(HostSettings(engine.ConnectionString, target.ConnectionString, hostData.Path), TestContext.Current.CancellationToken))
        {
            await ChaosSteps.BackfillAsync(host, First, Last);
            await ChaosSteps.WaitForRunsAsync(RunStoreProbe.Postgres(engine.ConnectionString), "wind-etl", Days, host);
        }
        CleanTarget = await ReadTargetAsync(target.ConnectionString);
    }

    /// <summary>Fills a wind source database with the backfill's days, as `seed-source` does for a user.</summary>
    public static async Task SeedAsync(string source)
    {
        using var data = new TempDirectory();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["seed-source", "--from", First, "--to", Last], TextWriter.Null, error, config =>
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:WindSource"] = source,
                ["Engine:DataDirectory"] = data.Path,
            }));
        if (exit != 0) throw new InvalidOperationException($"seed-source failed: {error}");
    }

    /// <summary>A host on PostgreSQL with short leases, so that a test sees a dead host's work move within seconds.</summary>
    public Dictionary<string, string?> HostSettings(string engine, string target, string dataDirectory, string? source = null)
    {
        var settings = Settings(target, dataDirectory, source);
        settings["ConnectionStrings:Postgres"] = engine;
        return settings;
    }

    /// <summary>What every host of these tests is given, embedded or on PostgreSQL.</summary>
    private Dictionary<string, string?> Settings(string target, string dataDirectory, string? source) => new()
    {
        ["ConnectionStrings:WindSource"] = source ?? SourceConnectionString,
        ["ConnectionStrings:WindTarget"] = target,
        ["Engine:DataDirectory"] = dataDirectory,
        ["Engine:RegisterSchedules"] = "false",
        ["Engine:WorkerCount"] = "4",
        ["Engine:QueuePollInterval"] = "00:00:00.100",
        ["Engine:LeaseLength"] = "00:00:06",
        ["Engine:LeaseRenewalInterval"] = "00:00:01",
        ["Engine:StoreRetryPeriod"] = "00:01:00",
        // Two days at a time: the backfill lasts long enough for a fault to land in the middle of it.
        ["WindEtl:MaxConcurrentRuns"] = "2",
        ["WindEtl:TaskRetryDelay"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Pipeline.Tasks"] = "None",
    };

    /// <summary>An embedded host (Hangfire in memory, its run store in SQLite in the data folder) on the same wind databases.</summary>
    public Dictionary<string, string?> EmbeddedHostSettings(string target, string dataDirectory)
    {
        var settings = Settings(target, dataDirectory, source: null);
        // Hangfire in memory moves a due retry to its queue on this poll (15 s by default).
        settings["Engine:SchedulePollingInterval"] = "00:00:00.200";
        return settings;
    }

    public static async Task<IReadOnlyList<string>> ReadTargetAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' ' || signal_id || ' ' || value FROM data ORDER BY timestamp, signal_id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) rows.Add(reader.GetString(0));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null) await _source.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WindChaosCollection : ICollectionFixture<WindChaosFixture>
{
    public const string Name = "wind-etl under faults";
}
