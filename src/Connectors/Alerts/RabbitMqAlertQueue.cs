using System.Text;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.Connectors.Alerts;

/// <summary>
/// Alert queues on RabbitMQ (RabbitMQ.Client 7): one connection, opened on first use and again after it was
/// lost; a channel per operation. Publishing waits for the broker's confirms of all messages together.
/// </summary>
public sealed class RabbitMqAlertQueue : IAlertQueue, IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly AlertQueueOptions _options;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly ResiliencePipeline _connectRetry;
    private IConnection? _connection;

    /// <param name="uri">An AMQP URI: amqp://user:password@host:5672/vhost.</param>
    public RabbitMqAlertQueue(string uri, AlertQueueOptions options)
    {
        _options = options;
        _factory = new ConnectionFactory
        {
            Uri = new Uri(uri),
            ClientProvidedName = "pipeline",
            RequestedConnectionTimeout = options.Timeout,
            ContinuationTimeout = options.Timeout,
            HandshakeContinuationTimeout = options.Timeout,
            // A lost connection is replaced on the next call instead, so a failed call fails now (and its task retries).
            AutomaticRecoveryEnabled = false,
        };
        var retry = new ResiliencePipelineBuilder();
        if (options.ConnectRetries > 0)
            retry.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.ConnectRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.ConnectRetryDelay,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<BrokerUnreachableException>(),
            });
        _connectRetry = retry.Build();
    }

    public string Describe() => $"RabbitMQ at {_factory.HostName}:{_factory.Port} (vhost {_factory.VirtualHost})";

    public Task ConnectAsync(CancellationToken ct) => OpenConnectionAsync(ct);

    public async Task PublishAsync(string queue, IReadOnlyCollection<AlertMessage> messages, CancellationToken ct)
    {
        AlertQueueNames.Validate(queue);
        if (messages.Count == 0) return;
        var connection = await OpenConnectionAsync(ct);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null);
        await using var channel = await connection.CreateChannelAsync(options, ct);
        await DeclareAsync(channel, queue, ct);

        // With confirm tracking each publish completes when the broker confirms it; awaiting them together
        // keeps many in flight (one at a time would be ~20x slower).
        var confirms = new List<Task>(messages.Count);
        foreach (var message in messages)
        {
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = message.Id,
                ContentType = "application/json",
                Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            };
            confirms.Add(channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(message.Body), ct).AsTask());
        }
        try
        {
            await Task.WhenAll(confirms).WaitAsync(_options.Timeout + TimeSpan.FromMilliseconds(messages.Count), ct);
        }
        catch (Exception e) when (e is PublishException or AlreadyClosedException or TimeoutException)
        {
            var refused = confirms.Count(t => !t.IsCompletedSuccessfully);
            throw new AlertQueueException($"RabbitMQ did not confirm {refused} of {messages.Count} messages to queue '{queue}': {e.Message}", e);
        }
    }

    public async Task<IReadOnlyList<AlertMessage>> TakeAsync(string queue, int max, CancellationToken ct)
    {
        AlertQueueNames.Validate(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        var connection = await OpenConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await DeclareAsync(channel, queue, ct);
        var taken = new List<AlertMessage>();
        ulong lastTag = 0;
        while (taken.Count < max)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: false, ct);
            if (result is null) break;
            lastTag = result.DeliveryTag;
            taken.Add(new AlertMessage(result.BasicProperties.MessageId ?? "", Encoding.UTF8.GetString(result.Body.Span)));
        }
        // Acknowledged only once all are in hand: a failure before this returns them to the queue.
        if (lastTag > 0) await channel.BasicAckAsync(lastTag, multiple: true, ct);
        return taken;
    }

    public async Task<long> CountAsync(string queue, CancellationToken ct)
    {
        AlertQueueNames.Validate(queue);
        var connection = await OpenConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var declared = await DeclareAsync(channel, queue, ct);
        return declared.MessageCount;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connecting.Dispose();
    }

    private static Task<QueueDeclareOk> DeclareAsync(IChannel channel, string queue, CancellationToken ct) =>
        channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct);

    private async Task<IConnection> OpenConnectionAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true } open) return open;
        await _connecting.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true } other) return other;
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            try
            {
                _connection = await _connectRetry.ExecuteAsync(async token => await _factory.CreateConnectionAsync(token), ct);
            }
            catch (BrokerUnreachableException e)
            {
                throw new AlertQueueException(
                    $"RabbitMQ at {_factory.HostName}:{_factory.Port} is unreachable ({_options.ConnectRetries + 1} attempts): {e.InnerException?.Message ?? e.Message}", e);
            }
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }
}
