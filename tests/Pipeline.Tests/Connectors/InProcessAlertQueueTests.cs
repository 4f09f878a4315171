using Pipeline.Connectors.Alerts;

namespace Pipeline.Tests.Connectors;

public sealed class InProcessAlertQueueTests : AlertQueueContract
{
    protected override IAlertQueue Alerts { get; } = new InProcessAlertQueue();
}
