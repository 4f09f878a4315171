using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pipeline.Tests.Support;

/// <summary>
/// The built scheduler (Pipeline.Scheduler.dll beside the tests) as a real child process in embedded mode
/// with its own data directory, as an operator starts it: settings through environment variables and
/// arguments only, the listening address included (unlike <see cref="SchedulerProcess"/>, which always
/// passes --urls), for tests of the hosting conventions themselves. Its console output is kept line by line; it is killed by its own id on dispose.
/// </summary>
public sealed partial class ConfiguredSchedulerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _data = new();
    private readonly ConcurrentQueue<string> _output = new();

    private ConfiguredSchedulerProcess(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = _data.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.Scheduler.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Nothing inherited may choose the address or the services for it.
        foreach (var key in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "Urls", "ConnectionStrings__Postgres" })
            start.Environment.Remove(key);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Engine__DataDirectory"] = _data.Path;
        start.Environment["Engine__RegisterSchedules"] = "false";
        foreach (var api in new[] { "PokeApi", "CoinGecko", "OpenBreweryDb" })
            start.Environment[$"Apis__{api}__BaseAddress"] = "http://127.0.0.1:9";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
    }

    public IReadOnlyCollection<string> Output => _output.ToArray();

    /// <summary>Starts the host and waits until it says where it listens.</summary>
    public static async Task<ConfiguredSchedulerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var host = new ConfiguredSchedulerProcess(environment, args);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await Eventually.HappensAsync(() => host.ListeningAddresses().Count > 0 || host._process.HasExited,
                TimeSpan.FromMinutes(3), "the scheduler to listen"); // as SchedulerProcess: a start is slow on a busy machine
            if (host._process.HasExited)
                throw new InvalidOperationException($"The scheduler exited ({host._process.ExitCode}):\n{string.Join('\n', host.Output)}");
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Starts the host and waits for it to end by itself (a host that refuses to start): its exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyCollection<string> Output)> RunToExitAsync(
        IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var host = new ConfiguredSchedulerProcess(environment, args);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host._process.WaitForExitAsync(deadline.Token);
        return (host._process.ExitCode, host.Output);
    }

    /// <summary>The addresses in the host's "Now listening on:" lines, plain or JSON.</summary>
    public IReadOnlyList<Uri> ListeningAddresses() =>
        Output.Select(line => ListeningLine().Match(line)).Where(m => m.Success)
            .Select(m => new Uri(m.Groups[1].Value.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost"))).ToList();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
        _data.Dispose();
    }

    /// <summary>The dotnet that runs these tests (set by the dotnet CLI), else the one on PATH.</summary>
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    [GeneratedRegex(@"Now listening on: (https?://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
