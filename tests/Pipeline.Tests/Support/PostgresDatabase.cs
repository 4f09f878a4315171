using Npgsql;

namespace Pipeline.Tests.Support;

/// <summary>
/// A fresh, empty database on the PostgreSQL server that scripts/test.sh starts, named after the test
/// that asked for it and dropped at the end.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PIPELINE_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string purpose)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with ./scripts/test.sh, which starts PostgreSQL and sets it.");

        var name = $"pipeline_{purpose}_{Guid.NewGuid():N}"[..Math.Min(60, purpose.Length + 42)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new PostgresDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        // The host also makes databases of its own beside the main one (the warehouse: "<name>_warehouse").
        var names = new List<string> { _name };
        await using (var find = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection))
        {
            find.Parameters.AddWithValue("prefix", _name + "_");
            await using var reader = await find.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
