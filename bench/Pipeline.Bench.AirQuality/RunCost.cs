using System.Diagnostics;
using System.Runtime;

namespace Pipeline.Bench.AirQuality;

/// <summary>
/// What the process spent while a run went from trigger to its end: CPU time, and how much of it the JIT took
/// (methods compiled and their compile time), and the garbage collections and their pauses: on a freshly started host,
/// first-use code is compiled on the way, and the heap grows.
/// </summary>
public sealed class RunCost
{
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _jit = JitInfo.GetCompilationTime();
    private readonly long _methods = JitInfo.GetCompiledMethodCount();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public static RunCost Start() => new();

    public string Describe()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
        return $"  cost: wall {_wall.Elapsed.TotalMilliseconds:0} ms, CPU {cpu.TotalMilliseconds:0} ms, " +
               $"JIT {(JitInfo.GetCompilationTime() - _jit).TotalMilliseconds:0} ms for {JitInfo.GetCompiledMethodCount() - _methods} methods, " +
               $"GC {GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]} " +
               $"(gen 0/1/2) pausing {(GC.GetTotalPauseDuration() - _paused).TotalMilliseconds:0} ms, " +
               $"1-min load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}";
    }
}
