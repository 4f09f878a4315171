namespace Pipeline.Scheduler.Hosting;

/// <summary>Settings of <see cref="NativeHeapTrimmer"/>.</summary>
public sealed class NativeHeapOptions
{
    public const string Section = "NativeHeap";

    /// <summary>How often the native heap's free pages are handed back to the operating system; zero turns it off.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(5);
}
