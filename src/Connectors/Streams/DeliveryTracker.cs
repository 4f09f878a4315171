using Confluent.Kafka;

namespace Pipeline.Connectors.Streams;

/// <summary>Counts the delivery reports of one publish and completes when the last one has come.</summary>
internal sealed class DeliveryTracker(int expected)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding = expected;
    private int _failed;
    private string? _firstError;

    public Task Completion => _done.Task;

    public int Failed => Volatile.Read(ref _failed);

    public string? FirstError => Volatile.Read(ref _firstError);

    public void Report(DeliveryReport<string?, string> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, report.Error.Reason, null);
        }
        if (Interlocked.Decrement(ref _outstanding) == 0) _done.TrySetResult();
    }
}
