using Pipeline.Connectors.Alerts;
using Pipeline.Tests.Support;
using RabbitMQ.Client;

namespace Pipeline.Tests.Connectors;

/// <summary>The alert queue contract on the real RabbitMQ of scripts/services.sh, in a queue of this test's own.</summary>
public sealed class RabbitMqAlertQueueTests : AlertQueueContract, IAsyncDisposable
{
    private readonly RabbitMqAlertQueue _alerts = new(TestServices.RabbitMq, new AlertQueueOptions());

    protected override IAlertQueue Alerts => _alerts;

    [Fact]
    public async Task The_queue_is_durable_and_the_messages_persistent()
    {
        var ct = TestContext.Current.CancellationToken;
        await _alerts.PublishAsync(Queue, [new AlertMessage("id-1", "{}")], ct);

        await using var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        // Declaring it again as non-durable fails when the queue is durable (PRECONDITION_FAILED).
        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(() =>
            channel.QueueDeclareAsync(Queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: ct));
        await using var look = await connection.CreateChannelAsync(cancellationToken: ct);
        var message = await look.BasicGetAsync(Queue, autoAck: false, ct);
        Assert.NotNull(message);
        Assert.True(message.BasicProperties.Persistent);
        Assert.Equal("id-1", message.BasicProperties.MessageId);
    }

    [Fact]
    public async Task An_unreachable_broker_is_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nowhere = new RabbitMqAlertQueue("amqp://guest:guest@127.0.0.1:1/", new AlertQueueOptions { Timeout = TimeSpan.FromSeconds(2) });

        var error = await Assert.ThrowsAsync<AlertQueueException>(() => nowhere.PublishAsync(Queue, [new AlertMessage("a", "{}")], ct));
        Assert.Contains("unreachable (3 attempts)", error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeleteAsync(Queue);
        await _alerts.DisposeAsync();
    }
}
