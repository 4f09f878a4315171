using Npgsql;

namespace Pipeline.Bench.Hosting;

/// <summary>
/// Empty storage for one measurement: a new temp data directory (embedded), or a new database on the
/// server named by PIPELINE_TEST_POSTGRES (PostgreSQL). Removed again on dispose.
/// </summary>
public sealed class FreshStorage : IAsyncDisposable
{
    public const string ServerVariable = "PIPELINE_TEST_POSTGRES";

    private readonly string? _server;
    private readonly string? _database;
    private readonly List<string> _extraDatabases = [];

    private readonly string _root;

    private FreshStorage(StorageKind kind, string root, string? server, string? database)
    {
        Kind = kind;
        _root = root;
        DataDirectory = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        ContentRoot = Directory.CreateDirectory(Path.Combine(root, "content")).FullName;
        _server = server;
        _database = database;
        PostgresConnectionString = server is null
            ? null
            : new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public StorageKind Kind { get; }

    /// <summary>Always set: embedded mode keeps its SQLite run store here.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// An empty directory for the host's content root. Not the data directory: the host watches its content root
    /// for changed settings files, and would then wake on every write to the SQLite files, which the scheduler does
    /// not (its data directory is outside its content root). Not the bench's own folder either, whose copy of the
    /// scheduler's appsettings.json would change the settings under test.
    /// </summary>
    public string ContentRoot { get; }

    /// <summary>Null in embedded mode.</summary>
    public string? PostgresConnectionString { get; }

    public static string? PostgresServer() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static async Task<FreshStorage> CreateAsync(StorageKind kind, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
        if (kind == StorageKind.Embedded) return new FreshStorage(kind, root, null, null);

        var server = PostgresServer() ?? throw new InvalidOperationException(
            $"{ServerVariable} is not set; run bench/run.sh, which starts PostgreSQL and sets it.");
        var name = $"pipeline_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return new FreshStorage(kind, root, server, name);
    }

    /// <summary>Another new database on the same server (a pipeline's source or target), dropped with this one.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose, CancellationToken ct)
    {
        var server = _server ?? throw new InvalidOperationException("Extra databases need PostgreSQL storage.");
        var name = $"{_database}_{purpose}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        _extraDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            // The host creates "<database>_warehouse" by itself (WarehouseHostingExtensions); it goes too.
            foreach (var name in _extraDatabases.Append(_database).Append($"{_database}_warehouse"))
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a file still held open; the OS cleans temp */ }
    }
}
