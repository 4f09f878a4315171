using System.Collections.Concurrent;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// The task attempts running in this process, so that cancelling a run reaches them at once, and so that
/// the lease renewer knows which leases to renew. Attempts running on other hosts learn of a cancellation
/// through Hangfire (their job is deleted).
/// </summary>
public sealed class RunningTasks
{
    private readonly ConcurrentDictionary<Guid, RunningAttempt> _running = new();

    public RunningAttempt Register(Guid taskRunId)
    {
        var attempt = new RunningAttempt();
        _running[taskRunId] = attempt;
        return attempt;
    }

    public void Unregister(Guid taskRunId)
    {
        if (_running.TryRemove(taskRunId, out var attempt)) attempt.Dispose();
    }

    public IReadOnlyList<Guid> Ids => _running.Keys.ToList();

    public void Cancel(IEnumerable<Guid> taskRunIds)
    {
        foreach (var id in taskRunIds)
            if (_running.TryGetValue(id, out var attempt)) attempt.Stop(leaseLost: false);
    }

    /// <summary>Stops an attempt whose lease another host has taken over: its result would be refused anyway.</summary>
    public void LeaseLost(Guid taskRunId)
    {
        if (_running.TryGetValue(taskRunId, out var attempt)) attempt.Stop(leaseLost: true);
    }
}

/// <summary>One attempt running here: a token that fires when it must stop, and why.</summary>
public sealed class RunningAttempt : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public CancellationToken Token => _stop.Token;

    /// <summary>True when it was stopped because this host no longer holds its lease.</summary>
    public bool IsLeaseLost { get; private set; }

    internal void Stop(bool leaseLost)
    {
        IsLeaseLost |= leaseLost;
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { /* the attempt ended meanwhile */ }
    }

    public void Dispose() => _stop.Dispose();
}
