using System.Collections.Concurrent;

namespace Pipeline.Connectors.Alerts;

/// <summary>The embedded alert queues: in this process's memory, lost when it stops.</summary>
public sealed class InProcessAlertQueue : IAlertQueue
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AlertMessage>> _queues = new(StringComparer.Ordinal);

    public string Describe() => "in-process queues (embedded; set ConnectionStrings:RabbitMq for RabbitMQ)";

    public Task ConnectAsync(CancellationToken ct) => Task.CompletedTask;

    public Task PublishAsync(string queue, IReadOnlyCollection<AlertMessage> messages, CancellationToken ct)
    {
        AlertQueueNames.Validate(queue);
        var target = _queues.GetOrAdd(queue, _ => new ConcurrentQueue<AlertMessage>());
        foreach (var message in messages) target.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlertMessage>> TakeAsync(string queue, int max, CancellationToken ct)
    {
        AlertQueueNames.Validate(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        var taken = new List<AlertMessage>();
        if (_queues.TryGetValue(queue, out var source))
            while (taken.Count < max && source.TryDequeue(out var message)) taken.Add(message);
        return Task.FromResult<IReadOnlyList<AlertMessage>>(taken);
    }

    public Task<long> CountAsync(string queue, CancellationToken ct)
    {
        AlertQueueNames.Validate(queue);
        return Task.FromResult(_queues.TryGetValue(queue, out var source) ? (long)source.Count : 0);
    }
}
