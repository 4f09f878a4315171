using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Unit;

/// <summary>The host hands native memory that native code has freed back to the operating system.</summary>
/// <remarks>
/// Alone in the process: the figure is the whole process's resident memory. Beside parallel tests, their hosts grow
/// their heaps by more than the 32 MB looked for, their threads' native allocations fill the freed holes, and their
/// hosts' own trimmers (every 5 s) can hand the holes back before the first reading.
/// </remarks>
[Collection(SoloCollection.Name)]
public sealed class NativeHeapTrimmerTests
{
    // 64 KB blocks stay below glibc's mmap threshold (128 KB), so they are carved from an arena like SQLite's pages.
    private const int Block = 64 * 1024;
    private const int Blocks = 2048;

    [Fact]
    public async Task Freed_native_memory_leaves_the_process_resident_set()
    {
        var ct = TestContext.Current.CancellationToken;
        var blocks = new IntPtr[Blocks];
        try
        {
            for (var i = 0; i < Blocks; i++)
            {
                blocks[i] = Marshal.AllocHGlobal(Block);
                for (var page = 0; page < Block; page += 4096) Marshal.WriteByte(blocks[i], page, 1);
            }
            // Every other block freed: 64 MB of free chunks between live ones, which glibc keeps resident on its own.
            for (var i = 0; i < Blocks; i += 2)
            {
                Marshal.FreeHGlobal(blocks[i]);
                blocks[i] = IntPtr.Zero;
            }
            var before = ResidentAnonymousMegabytes();

            using var trimmer = new NativeHeapTrimmer(
                Options.Create(new NativeHeapOptions { TrimInterval = TimeSpan.FromMilliseconds(100) }), NullLogger<NativeHeapTrimmer>.Instance);
            await trimmer.StartAsync(ct);
            await Eventually.HappensAsync(() => ResidentAnonymousMegabytes() < before - 32, TimeSpan.FromSeconds(10),
                $"the process's anonymous resident memory to fall by 32 MB from {before} MB");
            await trimmer.StopAsync(ct);
        }
        finally
        {
            foreach (var block in blocks.Where(b => b != IntPtr.Zero)) Marshal.FreeHGlobal(block);
        }
    }

    [Fact]
    public async Task A_zero_interval_turns_the_trimming_off()
    {
        using var trimmer = new NativeHeapTrimmer(Options.Create(new NativeHeapOptions { TrimInterval = TimeSpan.Zero }), NullLogger<NativeHeapTrimmer>.Instance);

        await trimmer.StartAsync(TestContext.Current.CancellationToken);
        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(trimmer.ExecuteTask.IsCompletedSuccessfully);
    }

    private static long ResidentAnonymousMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
        return long.Parse(line["RssAnon:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
}
