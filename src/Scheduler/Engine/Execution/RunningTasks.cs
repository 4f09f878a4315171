using System.Collections.Concurrent;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// The task attempts running in this process, so that cancelling a run reaches them at once.
/// Attempts running on other hosts learn of it through Hangfire (their job is deleted).
/// </summary>
public sealed class RunningTasks
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public CancellationToken Register(Guid taskRunId)
    {
        var source = new CancellationTokenSource();
        _running[taskRunId] = source;
        return source.Token;
    }

    public void Unregister(Guid taskRunId)
    {
        if (_running.TryRemove(taskRunId, out var source)) source.Dispose();
    }

    public void Cancel(IEnumerable<Guid> taskRunIds)
    {
        foreach (var id in taskRunIds)
            if (_running.TryGetValue(id, out var source))
            {
                try { source.Cancel(); }
                catch (ObjectDisposedException) { /* the attempt ended meanwhile */ }
            }
    }
}
