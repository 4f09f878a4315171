using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Pipeline.Connectors.Streams;

/// <summary>
/// The Streams connector on Confluent.Kafka: a real cluster when Kafka:BootstrapServers is set, otherwise a
/// mock cluster started in this process (same client code, same protocol).
/// </summary>
public sealed class KafkaStreams : IStreams, IDisposable
{
    private readonly KafkaOptions _options;
    private readonly MockKafkaCluster? _embedded;
    private readonly ILoggerFactory _loggers;
    private readonly Lazy<IProducer<string?, string>> _producer;
    private readonly Lazy<IAdminClient> _admin;

    private KafkaStreams(KafkaOptions options, string bootstrapServers, MockKafkaCluster? embedded, ILoggerFactory loggers)
    {
        _options = options;
        _embedded = embedded;
        _loggers = loggers;
        BootstrapServers = bootstrapServers;
        _producer = new(BuildProducer);
        _admin = new(() => new DependentAdminClientBuilder(_producer.Value.Handle).Build());
    }

    public string BootstrapServers { get; }

    public static KafkaStreams Create(KafkaOptions options, ILoggerFactory loggers)
    {
        if (!string.IsNullOrWhiteSpace(options.BootstrapServers))
            return new KafkaStreams(options, options.BootstrapServers.Trim(), embedded: null, loggers);
        var cluster = new MockKafkaCluster();
        return new KafkaStreams(options, cluster.BootstrapServers, cluster, loggers);
    }

    public string Describe() => _embedded is null
        ? $"Kafka at {BootstrapServers}"
        : $"embedded Kafka (librdkafka mock cluster in this process at {BootstrapServers}; set Kafka:BootstrapServers for a real cluster)";

    public Task ConnectAsync(CancellationToken ct) =>
        // Metadata of every topic: the one request that needs the producer's connection to a broker and nothing else.
        Task.Run(() => _admin.Value.GetMetadata(_options.RequestTimeout), ct);

    public async Task EnsureTopicAsync(string topic, int partitions, CancellationToken ct)
    {
        KafkaNames.ValidateTopic(topic);
        if (_embedded is not null)
        {
            _embedded.CreateTopic(topic, partitions);
            return;
        }
        try
        {
            await _admin.Value.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = -1 }],
                new CreateTopicsOptions { RequestTimeout = _options.RequestTimeout, OperationTimeout = _options.RequestTimeout }).WaitAsync(ct);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // It exists already (perhaps created a moment ago by another client).
        }
        catch (KafkaException e) when (e is not CreateTopicsException && e.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            // A broker without CreateTopics (librdkafka's mock cluster in a process of its own) creates a topic
            // on its first metadata request instead, with its default partition count.
            PartitionsOf(topic);
        }
    }

    public async Task PublishAsync(string topic, IReadOnlyCollection<StreamMessage> messages, CancellationToken ct)
    {
        KafkaNames.ValidateTopic(topic);
        if (messages.Count == 0) return;
        var delivery = new DeliveryTracker(messages.Count);
        var producer = _producer.Value;
        foreach (var message in messages)
        {
            ct.ThrowIfCancellationRequested();
            var kafkaMessage = new Message<string?, string> { Key = message.Key, Value = message.Value };
            while (true)
            {
                try
                {
                    producer.Produce(topic, kafkaMessage, delivery.Report);
                    break;
                }
                catch (ProduceException<string?, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is full: let deliveries drain, then try again.
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        await delivery.Completion.WaitAsync(ct);
        if (delivery.Failed > 0)
            throw new StreamPublishException(
                $"{delivery.Failed} of {messages.Count} messages to topic '{topic}' were not acknowledged by Kafka at {BootstrapServers}: {delivery.FirstError}");
    }

    public Task<IStreamReader> OpenReaderAsync(string topic, string group, CancellationToken ct)
    {
        KafkaNames.ValidateTopic(topic);
        KafkaNames.ValidateGroup(group);
        return Task.Run<IStreamReader>(() => KafkaStreamReader.Open(topic, ConsumerConfig(group), PartitionsOf(topic), _options.RequestTimeout, ct), ct);
    }

    public IStreamSubscription Subscribe(string topic, string group)
    {
        KafkaNames.ValidateTopic(topic);
        KafkaNames.ValidateGroup(group);
        return new KafkaStreamSubscription(topic, ConsumerConfig(group));
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(_options.RequestTimeout);
            if (_admin.IsValueCreated) _admin.Value.Dispose();
            _producer.Value.Dispose();
        }
        _embedded?.Dispose();
    }

    private IProducer<string?, string> BuildProducer()
    {
        var logger = _loggers.CreateLogger<KafkaStreams>();
        return new ProducerBuilder<string?, string>(new ProducerConfig
            {
                BootstrapServers = BootstrapServers,
                // Idempotence: retries never duplicate or reorder a message; acks=all: a message counts as
                // delivered only once every in-sync replica has it.
                EnableIdempotence = true,
                Acks = Acks.All,
                LingerMs = 5,
                BatchNumMessages = 10_000,
                QueueBufferingMaxMessages = 500_000,
                MessageTimeoutMs = (int)_options.DeliveryTimeout.TotalMilliseconds,
                RequestTimeoutMs = (int)_options.RequestTimeout.TotalMilliseconds,
                // A publish reads only each report's error: the client need not copy anything else back per message.
                DeliveryReportFields = "none",
            })
            .SetLogHandler((_, line) => KafkaLog.Write(logger, line))
            .SetErrorHandler((_, error) => logger.LogWarning("Kafka producer: {Reason}", error.Reason))
            .Build();
    }

    private ConsumerConfig ConsumerConfig(string group) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = group,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
        SessionTimeoutMs = (int)_options.SessionTimeout.TotalMilliseconds,
        HeartbeatIntervalMs = Math.Max(100, (int)_options.SessionTimeout.TotalMilliseconds / 5),
        SocketTimeoutMs = (int)_options.RequestTimeout.TotalMilliseconds,
        AllowAutoCreateTopics = true,
        // A record has no headers: the client need not read them per message.
        ConsumeResultFields = "topic,timestamp",
    };

    private IReadOnlyList<int> PartitionsOf(string topic)
    {
        var metadata = _admin.Value.GetMetadata(topic, _options.RequestTimeout);
        var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart) return [];
        if (found.Error.IsError)
            throw new KafkaException(found.Error);
        return found.Partitions.Select(p => p.PartitionId).Order().ToList();
    }
}
