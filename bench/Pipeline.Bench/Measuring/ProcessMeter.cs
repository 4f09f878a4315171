using System.Diagnostics;

namespace Pipeline.Bench.Measuring;

/// <summary>
/// Peak resident memory and CPU time of this process over one scenario. The kernel's peak (VmHWM) is
/// reset at the start by writing 5 to /proc/self/clear_refs, after a full GC, so it covers the scenario
/// only (plus what the runtime already held). Where the reset is refused, the peak is the process's.
/// </summary>
public sealed class ProcessMeter
{
    private readonly TimeSpan _cpuAtStart;

    private ProcessMeter(TimeSpan cpuAtStart, bool peakWasReset)
    {
        _cpuAtStart = cpuAtStart;
        PeakWasReset = peakWasReset;
    }

    public bool PeakWasReset { get; }

    /// <summary>Starts measuring; <paramref name="resetPeak"/> false keeps the process's peak since it started.</summary>
    public static ProcessMeter Start(bool resetPeak = true)
    {
        if (!resetPeak) return new ProcessMeter(CpuTime(), peakWasReset: false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        bool reset;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            reset = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reset = false;
        }
        return new ProcessMeter(CpuTime(), reset);
    }

    public double PeakRssMegabytes() => ProcessPeakRssMegabytes();

    /// <summary>The kernel's peak resident size of this process (since it started or since the last reset).</summary>
    public static double ProcessPeakRssMegabytes()
    {
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            : null;
        if (line is null)
        {
            using var self = Process.GetCurrentProcess();
            return self.PeakWorkingSet64 / 1024.0 / 1024.0;
        }
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    public double CpuSeconds() => (CpuTime() - _cpuAtStart).TotalSeconds;

    /// <summary>This process's CPU time so far (user and system).</summary>
    public static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
