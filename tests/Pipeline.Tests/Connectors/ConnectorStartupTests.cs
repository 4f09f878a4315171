using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Streams;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Connectors;

/// <summary>The host's background warm-up: it connects the real services, and one that does not answer holds up and fails nothing.</summary>
public sealed class ConnectorStartupTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _lake = new();
    private readonly WarmUpLog _log = new();

    [Fact]
    public async Task Every_real_service_is_connected_in_the_background()
    {
        var ct = TestContext.Current.CancellationToken;
        using var streams = KafkaStreams.Create(new KafkaOptions { BootstrapServers = TestServices.Kafka }, NullLoggerFactory.Instance);
        using var cache = RedisCache.Connect(TestServices.Redis, new CacheOptions());
        await using var alerts = new RabbitMqAlertQueue(TestServices.RabbitMq, new AlertQueueOptions());
        using var warmUp = new ConnectorStartup(streams, cache, alerts, new FolderLake(_lake.Path), _log);

        await warmUp.StartAsync(ct);
        await warmUp.ExecuteTask!.WaitAsync(Deadline, ct);

        Assert.Empty(_log.Warnings);
        Assert.Equal(["Alerts", "Cache", "Lake", "Streams"], _log.Connected.Order());
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_only_logged_and_start_up_does_not_wait_for_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var streams = KafkaStreams.Create(
            new KafkaOptions { BootstrapServers = "127.0.0.1:1", RequestTimeout = TimeSpan.FromSeconds(1) }, NullLoggerFactory.Instance);
        await using var alerts = new RabbitMqAlertQueue("amqp://guest:guest@127.0.0.1:1/", new AlertQueueOptions { Timeout = TimeSpan.FromSeconds(1), ConnectRetries = 0 });
        using var warmUp = new ConnectorStartup(streams, new InProcessCache(TimeProvider.System), alerts, new FolderLake(_lake.Path), _log);

        var start = warmUp.StartAsync(ct);
        Assert.True(start.IsCompletedSuccessfully, "start-up waited for the warm-up");
        await warmUp.ExecuteTask!.WaitAsync(Deadline, ct);

        Assert.True(warmUp.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(["Alerts", "Streams"], _log.Warnings.Select(w => w.Split(' ')[0]).Order());
        Assert.Equal(["Cache", "Lake"], _log.Connected.Order());
    }

    public void Dispose() => _lake.Dispose();

    /// <summary>What the warm-up logged: which connectors it connected, and its warnings.</summary>
    private sealed class WarmUpLog : ILogger<ConnectorStartup>
    {
        public ConcurrentQueue<string> Connected { get; } = new();
        public ConcurrentQueue<string> Warnings { get; } = new();

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (logLevel == LogLevel.Warning) Warnings.Enqueue(message);
            else if (message.Contains("connected in the background")) Connected.Enqueue(message.Split(' ')[0]);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    }
}
