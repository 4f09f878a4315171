using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.HostControl;

/// <summary>
/// The built Scheduler running as a real child process (`dotnet Pipeline.Scheduler.dll`), configured through
/// environment variables as an operator would, so that a fault test can kill it by its process id (SIGKILL).
/// Only processes started here are ever killed.
/// </summary>
public sealed class SchedulerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SchedulerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The built host: beside the caller when the caller references the Scheduler project (its appsettings.json is there too).</summary>
    public static string SchedulerDll { get; } = Path.Combine(AppContext.BaseDirectory, "Pipeline.Scheduler.dll");

    public Uri Address { get; }
    public HttpClient Http { get; }
    public int Id => _process.Id;

    /// <summary>How this host's leases name it ("machine:pid:suffix"): the part a test can know in advance.</summary>
    public string HostNamePart => $":{Id}:";

    public static async Task<SchedulerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(SchedulerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SchedulerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value ?? "";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Scheduler.");
        var host = new SchedulerProcess(process, address);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilServingAsync(ct);
        return host;
    }

    /// <summary>SIGKILL, as a crashed or OOM-killed host: no shutdown code runs.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(ct);
    }

    /// <summary>SIGTERM, as an orchestrator stopping a container or Ctrl+C: the host stops cleanly. Returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan deadline)
    {
        Signal(SigTerm);
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGSTOP: the host freezes where it is, so that a test can look at what it holds before killing it.</summary>
    public void Freeze() => Signal(SigStop);

    /// <summary>SIGCONT: a frozen host goes on.</summary>
    public void Thaw() => Signal(SigCont);

    private void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0)
            throw new InvalidOperationException($"Could not send signal {signal} to host {_process.Id}.");
    }

    /// <summary>The last lines the host printed, for a failure message.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output.TakeLast(40));

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 400) _output.TryDequeue(out _);
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        // A start costs about 3.6 s of CPU (mostly JIT); on a 2-core machine shared with builds that took 20-90 s.
        var until = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The Scheduler exited with code {_process.ExitCode} while starting:{Environment.NewLine}{OutputTail}");
            try
            {
                using var response = await Http.GetAsync("/api/pipelines", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"The Scheduler did not answer within {StartDeadline.TotalSeconds:0} s:{Environment.NewLine}{OutputTail}");
            await Task.Delay(100, ct);
        }
    }

    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            // A clean stop, as an operator's SIGTERM would be; killed if it does not end in time.
            _ = SendSignal(_process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
