using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Connectors.Streams;

/// <summary>
/// librdkafka's mock cluster: a Kafka-protocol broker listening on loopback ports inside this process.
/// Any Kafka client (Confluent.Kafka here) talks to it as to a real cluster through <see cref="BootstrapServers"/>.
/// It keeps its data in memory, so it lives as long as this object.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private readonly IntPtr _handle;
    private IntPtr _cluster;

    public MockKafkaCluster(int brokerCount = 1)
    {
        var error = new byte[512];
        var conf = LibRdKafka.rd_kafka_conf_new();
        // The handle only hosts the cluster: keep its own logging quiet.
        LibRdKafka.rd_kafka_conf_set(conf, "log_level", "3", error, (nuint)error.Length);
        _handle = LibRdKafka.rd_kafka_new(ProducerType, conf, error, (nuint)error.Length);
        if (_handle == IntPtr.Zero)
            throw new InvalidOperationException($"librdkafka could not create a handle for the mock cluster: {Text(error)}");

        _cluster = LibRdKafka.rd_kafka_mock_cluster_new(_handle, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(_handle);
            throw new InvalidOperationException("librdkafka could not start its mock cluster.");
        }
        // Otherwise every consumer group waits ~3 s before its first assignment. With a controller, admin
        // requests it cannot serve (CreateTopics) fail at once instead of waiting for one.
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        LibRdKafka.rd_kafka_mock_set_controller_id(_cluster, 1);
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("The mock cluster has no bootstrap address.");
    }

    /// <summary>"127.0.0.1:port,..." for a client's bootstrap.servers.</summary>
    public string BootstrapServers { get; }

    /// <summary>The mock does not implement CreateTopics; this is its own way to make one.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
        var error = LibRdKafka.rd_kafka_mock_topic_create(_cluster, topic, partitions, replicationFactor);
        const int topicAlreadyExists = 36;
        if (error != 0 && error != topicAlreadyExists)
            throw new InvalidOperationException($"The mock cluster could not create topic '{topic}' (librdkafka error {error}).");
    }

    public void Dispose()
    {
        if (_cluster == IntPtr.Zero) return;
        // The cluster first, then the handle it belongs to.
        LibRdKafka.rd_kafka_mock_cluster_destroy(_cluster);
        _cluster = IntPtr.Zero;
        LibRdKafka.rd_kafka_destroy(_handle);
    }

    private static string Text(byte[] buffer) => Encoding.UTF8.GetString(buffer).TrimEnd('\0');
}
