using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Pipeline.Bench.AirQuality;

/// <summary>
/// Which code the JIT compiled, and when (--jit-profile): the runtime's own JIT events, listened to in this process,
/// counted by namespace and by phase of the run, so a fresh host's extra time can be put on the code that is compiled.
/// </summary>
public sealed class JitProfile : EventListener
{
    private readonly ConcurrentQueue<(DateTime At, string Namespace, string Method, double Ms)> _jitted = new();
    private readonly ConcurrentDictionary<(int Thread, long Method), DateTime> _started = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        // 0x10: the JIT keyword (MethodJittingStarted, MethodLoadVerbose).
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "MethodJittingStarted_V1" && e.Payload is { } started)
            _started[(e.OSThreadId.GetHashCode(), Convert.ToInt64(started[0]))] = e.TimeStamp;
        else if (e.EventName is "MethodLoadVerbose_V1" or "MethodLoadVerbose_V2" && e.Payload is { } loaded)
        {
            var method = Convert.ToInt64(loaded[0]);
            var ms = _started.TryRemove((e.OSThreadId.GetHashCode(), method), out var at) ? (e.TimeStamp - at).TotalMilliseconds : 0;
            var type = loaded[e.PayloadNames!.IndexOf("MethodNamespace")] as string ?? "?";
            _jitted.Enqueue((e.TimeStamp, Bucket(type), $"{type}::{loaded[e.PayloadNames.IndexOf("MethodName")]}", ms));
        }
    }

    /// <summary>Methods compiled and their compile time, by namespace bucket, between two instants.</summary>
    public string Report(DateTime from, DateTime to, int top = 14)
    {
        var inWindow = _jitted.Where(j => j.At.ToUniversalTime() >= from && j.At.ToUniversalTime() < to).ToList();
        var rows = inWindow.GroupBy(j => j.Namespace).Select(g => (g.Key, Count: g.Count(), Ms: g.Sum(j => j.Ms)))
            .OrderByDescending(r => r.Ms).Take(top);
        return $"    {inWindow.Count} methods, {inWindow.Sum(j => j.Ms):0} ms of JIT" + Environment.NewLine +
               string.Join(Environment.NewLine, rows.Select(r => $"      {r.Key,-48} {r.Count,5} methods {r.Ms,7:0} ms"));
    }

    /// <summary>Every method compiled after an instant, one line each (ms after it, JIT ms, type::method), for a look by name.</summary>
    public void Dump(TextWriter to, DateTime origin)
    {
        foreach (var j in _jitted.Where(j => j.At.ToUniversalTime() >= origin).OrderBy(j => j.At))
            to.WriteLine($"{(j.At.ToUniversalTime() - origin).TotalMilliseconds:0}\t{j.Ms:0.0}\t{j.Method}");
    }

    /// <summary>The first two parts of a type's full name (Npgsql.Internal → Npgsql.Internal; Pipeline.Jobs.AirQuality…).</summary>
    private static string Bucket(string typeName)
    {
        var name = typeName.TrimStart('[');
        var generic = name.IndexOfAny(['`', '[', '<']);
        if (generic > 0) name = name[..generic];
        var parts = name.Split('.');
        return parts.Length <= 2 ? name : $"{parts[0]}.{parts[1]}" + (parts[0] == "Pipeline" && parts.Length > 3 ? $".{parts[2]}" : "");
    }
}
