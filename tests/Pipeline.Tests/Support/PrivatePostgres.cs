using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pipeline.Tests.Support;

/// <summary>
/// A PostgreSQL server of one test's own, started, stopped and resumed (data kept) by the project's
/// scripts/services.sh on a port of its own, so that a test can restart "the database" under running hosts
/// without disturbing the server every other test shares.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;

    private PrivatePostgres(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("pipeline-pg-").FullName;
        // The server runs as the postgres user, which must reach its data folder inside (the tests run on Linux only).
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("A private PostgreSQL server is started on Linux only.");
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var server = new PrivatePostgres(directory, FreePort());
        await server.ServicesAsync("start");
        return server;
    }

    /// <summary>A fresh database on this server, as the hosts under test would use it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true, MaxPoolSize = 30 }.ConnectionString;
    }

    /// <summary>A fast shutdown: every client's connection is dropped and new ones are refused.</summary>
    public Task StopAsync() => ServicesAsync("stop");

    /// <summary>Starts the stopped server again with its data.</summary>
    public Task ResumeAsync() => ServicesAsync("resume");

    private async Task ServicesAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "scripts", "services.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("postgres");
        start.Environment["PIPELINE_SERVICES_DIR"] = _directory;
        start.Environment["PIPELINE_PG_PORT"] = _port.ToString();
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"services.sh {command} postgres failed: {await output}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository: scripts/services.sh not found.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ServicesAsync("stop");
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
    }
}
