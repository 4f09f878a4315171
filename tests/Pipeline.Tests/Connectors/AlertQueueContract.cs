using Pipeline.Connectors.Alerts;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Connectors;

/// <summary>What every alert queue does, whichever implementation: the embedded one must behave as RabbitMQ does.</summary>
public abstract class AlertQueueContract
{
    protected abstract IAlertQueue Alerts { get; }

    protected string Queue { get; } = TestServices.UniqueName("alerts");

    [Fact]
    public async Task Published_messages_are_taken_off_in_order_with_their_ids_and_only_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var messages = Enumerable.Range(0, 3000).Select(i => new AlertMessage($"id-{i}", $"{{\"n\":{i}}}")).ToList();

        await Alerts.PublishAsync(Queue, messages, ct);
        Assert.Equal(3000, await Alerts.CountAsync(Queue, ct));

        var first = await Alerts.TakeAsync(Queue, 1000, ct);
        var rest = await Alerts.TakeAsync(Queue, 5000, ct);

        Assert.Equal(messages.Take(1000), first);
        Assert.Equal(messages.Skip(1000), rest);
        Assert.Equal(0, await Alerts.CountAsync(Queue, ct));
    }

    [Fact]
    public async Task Taking_from_an_empty_or_unknown_queue_gives_an_empty_list()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await Alerts.TakeAsync(Queue, 10, ct));
    }

    [Fact]
    public async Task Taking_zero_leaves_the_queue_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        await Alerts.PublishAsync(Queue, [new AlertMessage("a", "{}")], ct);

        Assert.Empty(await Alerts.TakeAsync(Queue, 0, ct));
        Assert.Equal(1, await Alerts.CountAsync(Queue, ct));
    }

    [Fact]
    public async Task A_queue_name_the_broker_reserves_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<ArgumentException>(() => Alerts.PublishAsync("amq.mine", [new AlertMessage("a", "{}")], ct));
    }
}
