using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Streams;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Connectors;

/// <summary>The host picks each connector once from its settings: embedded without addresses, the real service with one.</summary>
public sealed class ConnectorWiringTests
{
    [Fact]
    public async Task Without_addresses_every_connector_is_its_embedded_stand_in()
    {
        await using var host = new PipelineWebFactory();
        var services = host.Services;

        var streams = Assert.IsType<KafkaStreams>(services.GetRequiredService<IStreams>());
        Assert.Contains("embedded", streams.Describe());
        Assert.IsType<InProcessCache>(services.GetRequiredService<ICache>());
        Assert.IsType<InProcessAlertQueue>(services.GetRequiredService<IAlertQueue>());
        Assert.Same(streams, services.GetRequiredService<IStreams>());
    }

    [Fact]
    public async Task With_addresses_every_connector_talks_to_its_real_service()
    {
        await using var host = new PipelineWebFactory();
        host.Settings["Kafka:BootstrapServers"] = TestServices.Kafka;
        host.Settings["ConnectionStrings:Redis"] = TestServices.Redis;
        host.Settings["ConnectionStrings:RabbitMq"] = TestServices.RabbitMq;
        var services = host.Services;
        var ct = TestContext.Current.CancellationToken;

        var streams = Assert.IsType<KafkaStreams>(services.GetRequiredService<IStreams>());
        Assert.Equal(TestServices.Kafka, streams.BootstrapServers);
        var cache = Assert.IsType<RedisCache>(services.GetRequiredService<ICache>());
        await cache.SetTextAsync(TestServices.UniqueName("wiring"), "ok", ct);
        var alerts = Assert.IsType<RabbitMqAlertQueue>(services.GetRequiredService<IAlertQueue>());
        Assert.Equal(0, await alerts.CountAsync(TestServices.UniqueName("wiring"), ct));
    }
}
