using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Streams;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Connectors;

/// <summary>The Streams connector against the Kafka-protocol broker that scripts/services.sh runs as its own process.</summary>
public sealed class StreamsTests : IDisposable
{
    private readonly KafkaStreams _streams = KafkaStreams.Create(
        new KafkaOptions { BootstrapServers = TestServices.Kafka, SessionTimeout = TimeSpan.FromSeconds(2) }, NullLoggerFactory.Instance);

    private readonly string _topic = TestServices.UniqueName("topic");
    private readonly string _group = TestServices.UniqueName("group");

    [Fact]
    public async Task A_reader_reads_everything_published_before_it_opened_and_nothing_after()
    {
        var ct = TestContext.Current.CancellationToken;
        await _streams.EnsureTopicAsync(_topic, partitions: 3, ct);
        await _streams.PublishAsync(_topic, Messages(0, 1000), ct);

        using var reader = await _streams.OpenReaderAsync(_topic, _group, ct);
        await _streams.PublishAsync(_topic, Messages(1000, 50), ct);
        var read = await ReadAllAsync(reader, batchSize: 300, ct);

        Assert.Equal(1000, reader.Backlog);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"m{i}"), read.Select(r => r.Value).Order(new NumericSuffix()));
    }

    [Fact]
    public async Task A_reader_stopped_halfway_leaves_the_rest_to_the_next_one_without_loss_or_repeat()
    {
        var ct = TestContext.Current.CancellationToken;
        await _streams.EnsureTopicAsync(_topic, partitions: 2, ct);
        await _streams.PublishAsync(_topic, Messages(0, 500), ct);

        var firstHalf = new List<StreamRecord>();
        using (var reader = await _streams.OpenReaderAsync(_topic, _group, ct))
        {
            var committed = await reader.ReadAsync(200, ct);
            await reader.CommitAsync(committed, ct);
            firstHalf.AddRange(committed.Records);
            // Read but never committed (its sinks never confirmed): the next reader must see these again.
            await reader.ReadAsync(100, ct);
        }

        using var next = await _streams.OpenReaderAsync(_topic, _group, ct);
        var rest = await ReadAllAsync(next, batchSize: 1000, ct);

        Assert.Equal(200, firstHalf.Count);
        Assert.Equal(300, next.Backlog);
        var all = firstHalf.Concat(rest).Select(r => r.Value).ToList();
        Assert.Equal(500, all.Count);
        Assert.Equal(500, all.Distinct().Count());
    }

    [Fact]
    public async Task Messages_with_the_same_key_keep_their_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await _streams.EnsureTopicAsync(_topic, partitions: 4, ct);
        var messages = Enumerable.Range(0, 400).Select(i => new StreamMessage($"k{i % 4}", $"{i % 4}:{i}")).ToList();
        await _streams.PublishAsync(_topic, messages, ct);

        using var reader = await _streams.OpenReaderAsync(_topic, _group, ct);
        var read = await ReadAllAsync(reader, 1000, ct);

        foreach (var key in read.GroupBy(r => r.Key))
        {
            var sequence = key.OrderBy(r => r.Offset).Select(r => int.Parse(r.Value.Split(':')[1])).ToList();
            Assert.Equal(sequence.Order(), sequence);
            Assert.Single(key.Select(r => r.Partition).Distinct());
        }
        Assert.Equal(400, read.Count);
    }

    [Fact]
    public async Task A_subscription_resumes_from_the_group_commit_of_the_member_before_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await _streams.EnsureTopicAsync(_topic, partitions: 1, ct);
        // One key: one partition, so the order of the whole sequence is defined.
        await _streams.PublishAsync(_topic, Messages(0, 100, key: "sensor"), ct);

        var first = new List<StreamRecord>();
        using (var member = _streams.Subscribe(_topic, _group))
        {
            while (first.Count < 60)
            {
                var batch = await member.PollAsync(60 - first.Count, TimeSpan.FromSeconds(10), ct);
                await member.CommitAsync(batch, ct);
                first.AddRange(batch.Records);
            }
        }

        var second = new List<StreamRecord>();
        using (var member = _streams.Subscribe(_topic, _group))
        {
            await _streams.PublishAsync(_topic, Messages(100, 20, key: "sensor"), ct);
            // A poll may come back empty while the group rebalances from the member that left to this one (how long
            // that takes is the broker's business, not the connector's): what counts is what arrives, checked below.
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (second.Count < 60 && DateTime.UtcNow < until)
            {
                var batch = await member.PollAsync(100, TimeSpan.FromSeconds(1), ct);
                await member.CommitAsync(batch, ct);
                second.AddRange(batch.Records);
            }
        }

        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"m{i}"), first.Select(r => r.Value));
        Assert.Equal(Enumerable.Range(60, 60).Select(i => $"m{i}"), second.Select(r => r.Value));
    }

    [Fact]
    public async Task Reading_a_topic_nobody_has_published_to_gives_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await _streams.EnsureTopicAsync(_topic, partitions: 1, ct);
        using var reader = await _streams.OpenReaderAsync(_topic, _group, ct);

        Assert.Equal(0, reader.Backlog);
        Assert.True((await reader.ReadAsync(10, ct)).IsEmpty);
    }

    [Fact]
    public async Task A_topic_name_Kafka_would_refuse_is_refused_before_any_request()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _streams.PublishAsync("bad topic/name", Messages(0, 1), ct));
        Assert.Contains("bad topic/name", error.Message);
    }

    [Fact]
    public async Task Publishing_to_a_cluster_that_does_not_answer_fails_with_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        using var nowhere = KafkaStreams.Create(
            new KafkaOptions { BootstrapServers = "127.0.0.1:1", DeliveryTimeout = TimeSpan.FromSeconds(2) }, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<StreamPublishException>(() => nowhere.PublishAsync(_topic, Messages(0, 3), ct));
        Assert.Contains("3 of 3 messages", error.Message);
    }

    [Fact]
    public async Task Embedded_mode_runs_a_mock_cluster_in_this_process_with_the_same_behaviour()
    {
        var ct = TestContext.Current.CancellationToken;
        using var embedded = KafkaStreams.Create(new KafkaOptions(), NullLoggerFactory.Instance);
        await embedded.EnsureTopicAsync(_topic, partitions: 2, ct);
        await embedded.PublishAsync(_topic, Messages(0, 250), ct);

        using var reader = await embedded.OpenReaderAsync(_topic, _group, ct);
        var read = await ReadAllAsync(reader, 100, ct);

        Assert.Contains("embedded", embedded.Describe());
        Assert.NotEqual(TestServices.Kafka, embedded.BootstrapServers);
        Assert.Equal(250, read.Select(r => r.Value).Distinct().Count());
        Assert.Equal(2, read.Select(r => r.Partition).Distinct().Count());
    }

    public void Dispose() => _streams.Dispose();

    private static List<StreamMessage> Messages(int from, int count, string? key = null) =>
        Enumerable.Range(from, count).Select(i => new StreamMessage(key ?? $"k{i}", $"m{i}")).ToList();

    /// <summary>Reads to the end, committing each batch, as a job would.</summary>
    private static async Task<List<StreamRecord>> ReadAllAsync(IStreamReader reader, int batchSize, CancellationToken ct)
    {
        var all = new List<StreamRecord>();
        while (true)
        {
            var batch = await reader.ReadAsync(batchSize, ct);
            if (batch.IsEmpty) return all;
            Assert.True(batch.Count <= batchSize);
            await reader.CommitAsync(batch, ct);
            all.AddRange(batch.Records);
        }
    }

    private sealed class NumericSuffix : IComparer<string>
    {
        public int Compare(string? x, string? y) => int.Parse(x![1..]).CompareTo(int.Parse(y![1..]));
    }
}
