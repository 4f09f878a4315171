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

    private int _jobs;

    /// <summary>How many task jobs this host's workers are in now (claiming, running or recording): whether a worker is free.</summary>
    public int JobsInProgress => Volatile.Read(ref _jobs);

    /// <summary>Counts a worker as busy until the returned scope ends.</summary>
    public IDisposable EnterJob()
    {
        Interlocked.Increment(ref _jobs);
        return new JobScope(this);
    }

    private sealed class JobScope(RunningTasks owner) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) Interlocked.Decrement(ref owner._jobs);
        }
    }

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
