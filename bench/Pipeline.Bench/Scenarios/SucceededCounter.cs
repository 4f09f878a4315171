using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Pipeline.Bench.Scenarios;

/// <summary>
/// Notes the moment the last of the raw scenario's no-op jobs moves to Succeeded, so the wall time is
/// exact rather than rounded up to a polling interval. Installed in Hangfire's global filters (which
/// the engine's filter provider includes) for the duration of one measurement.
/// </summary>
public sealed class SucceededCounter : JobFilterAttribute, IApplyStateFilter, IDisposable
{
    private readonly int _expected;
    private readonly TaskCompletionSource<long> _allSucceeded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _succeeded;
    private int _failed;

    public SucceededCounter(int expected)
    {
        _expected = expected;
        GlobalJobFilters.Filters.Add(this);
    }

    /// <summary>Completes with the Stopwatch timestamp of the last success.</summary>
    public Task<long> AllSucceeded => _allSucceeded.Task;

    public int Succeeded => Volatile.Read(ref _succeeded);

    public int Failed => Volatile.Read(ref _failed);

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.BackgroundJob.Job?.Type != typeof(NoopJobs)) return;
        if (context.NewState is FailedState) Interlocked.Increment(ref _failed);
        if (context.NewState is SucceededState && Interlocked.Increment(ref _succeeded) == _expected)
            _allSucceeded.TrySetResult(Stopwatch.GetTimestamp());
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    public void Dispose() => GlobalJobFilters.Filters.Remove(this);
}
