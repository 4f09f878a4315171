namespace Pipeline.Connectors.Alerts;

/// <summary>
/// Durable queues of alert messages: RabbitMQ when ConnectionStrings:RabbitMq is set, otherwise in-process
/// queues with the same behaviour. Every message carries an id, so a reader can drop the copies a retried
/// publish may have left.
/// </summary>
public interface IAlertQueue
{
    /// <summary>Where the queues live, for the start-up log line.</summary>
    string Describe();

    /// <summary>Opens the connection to the broker now, so the first publish does not wait for it. Optional: every other call connects when needed.</summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>
    /// Publishes the messages to the queue (declared durable, messages persistent) and returns once the broker
    /// has confirmed every one; throws <see cref="AlertQueueException"/> when any was refused.
    /// </summary>
    Task PublishAsync(string queue, IReadOnlyCollection<AlertMessage> messages, CancellationToken ct);

    /// <summary>Takes up to <paramref name="max"/> messages off the queue, oldest first; none when it is empty.</summary>
    Task<IReadOnlyList<AlertMessage>> TakeAsync(string queue, int max, CancellationToken ct);

    /// <summary>How many messages wait in the queue.</summary>
    Task<long> CountAsync(string queue, CancellationToken ct);
}
