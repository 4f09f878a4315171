using System.Collections.Concurrent;

namespace Pipeline.Tests.Engine;

/// <summary>What the test jobs tell the tests: how often each task ran, when, and what they saw.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _executions = new();
    private readonly ConcurrentDictionary<Guid, Barrier> _barriers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime>> _attempts = new();
    private int _gatedRunning;
    private int _gatedMaxRunning;

    /// <summary>Runs whose parameter "failing" names one of these keys fail every FailingJob attempt (set before the trigger).</summary>
    public ConcurrentDictionary<string, bool> FailingKeys { get; } = new();
    public ConcurrentDictionary<DateOnly, bool> FailingDays { get; } = new();
    public ConcurrentDictionary<Guid, TaskCompletionSource> Started { get; } = new();
    public ConcurrentDictionary<Guid, bool> SawCancellation { get; } = new();
    public SemaphoreSlim Gate { get; } = new(0);

    public int GatedRunning => Volatile.Read(ref _gatedRunning);
    public int GatedMaxRunning => Volatile.Read(ref _gatedMaxRunning);

    public void Executed(Guid runId, string task)
    {
        _executions.AddOrUpdate($"{runId}:{task}", 1, (_, n) => n + 1);
        _attempts.GetOrAdd($"{runId}:{task}", _ => new ConcurrentQueue<DateTime>()).Enqueue(DateTime.UtcNow);
    }

    public int Executions(Guid runId, string task) => _executions.GetValueOrDefault($"{runId}:{task}");

    public IReadOnlyList<DateTime> AttemptTimes(Guid runId, string task) =>
        _attempts.TryGetValue($"{runId}:{task}", out var times) ? times.ToArray() : [];

    public Barrier BarrierFor(Guid runId) => _barriers.GetOrAdd(runId, _ => new Barrier(2));

    public TaskCompletionSource StartedSignal(Guid runId) =>
        Started.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void EnterGate()
    {
        var now = Interlocked.Increment(ref _gatedRunning);
        int max;
        while (now > (max = Volatile.Read(ref _gatedMaxRunning)) && Interlocked.CompareExchange(ref _gatedMaxRunning, now, max) != max)
        {
        }
    }

    public void LeaveGate() => Interlocked.Decrement(ref _gatedRunning);
}
