using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Hands the native heap's free pages back to the operating system every few seconds (glibc's <c>malloc_trim</c>).
/// What native code allocates and frees (SQLite's page caches and sorts, the JIT's scratch memory, librdkafka, TLS)
/// stays in glibc's arenas, up to 16 of them on 2 cores, and glibc returns hardly any of it by itself: in the bench the
/// arenas grew to 50 MB while 20 MB was in use, the rest resident and idle. Nothing the GC does reaches that memory.
/// Linux with glibc only; on any other C library the first call fails and the trimming stops.
/// </summary>
public sealed class NativeHeapTrimmer(IOptions<NativeHeapOptions> options, ILogger<NativeHeapTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.TrimInterval;
        if (interval <= TimeSpan.Zero || !OperatingSystem.IsLinux()) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                malloc_trim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                logger.LogDebug("The C library has no malloc_trim ({Error}); the native heap is not trimmed", e.Message);
                return;
            }
        }
    }

    /// <summary>Releases the free pages of every arena; 0 keeps no extra padding at the top of the main heap.</summary>
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
