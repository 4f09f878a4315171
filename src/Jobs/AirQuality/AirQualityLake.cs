using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;
using Pipeline.Connectors.Streams;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// Where the pipeline keeps its files in the lake bucket, and what is still to be done. A raw batch is named
/// after the topic partition and offset of its first reading (<c>raw/sensor_raw/partition=0/offset=000000005000.jsonl</c>),
/// so a batch read again after an interrupted consume overwrites itself instead of adding a copy. Its
/// processed Parquet (<c>processed/…/offset=….parquet</c>) and its alert receipt (<c>alerts/…/offset=….json</c>)
/// carry the same name: a raw batch without one of them still waits for that step.
/// </summary>
public sealed class AirQualityLake(ILake lake, IOptions<AirQualityOptions> options)
{
    public const string SourcePrefix = "source/";
    public const string MalformedPrefix = "malformed/";
    public const string RawPrefix = "raw/";
    public const string ProcessedPrefix = "processed/";
    public const string AlertsPrefix = "alerts/";

    public ILakeBucket Bucket { get; } = lake.Bucket(options.Value.Bucket);

    public static string SourceKey(string fileName) => SourcePrefix + fileName;

    public static string MalformedKey(string sourceFileName) => $"{MalformedPrefix}{sourceFileName}.jsonl";

    /// <summary>The name of a batch: topic, partition and first offset (the part after raw/ without the extension).</summary>
    public static string BatchName(string topic, int partition, long firstOffset) =>
        string.Create(CultureInfo.InvariantCulture, $"{topic}/partition={partition}/offset={firstOffset:D12}");

    public static string RawKey(string batch) => $"{RawPrefix}{batch}.jsonl";

    public static string ProcessedKey(string batch) => $"{ProcessedPrefix}{batch}.parquet";

    public static string AlertReceiptKey(string batch) => $"{AlertsPrefix}{batch}.json";

    /// <summary>Writes one raw batch per partition of the records (each a reading's JSON) and returns their names.</summary>
    public async Task<IReadOnlyList<string>> WriteRawAsync(StreamBatch batch, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var partition in batch.Records.GroupBy(r => (r.Topic, r.Partition)))
        {
            var records = partition.OrderBy(r => r.Offset).ToList();
            var name = BatchName(partition.Key.Topic, partition.Key.Partition, records[0].Offset);
            await Bucket.PutBytesAsync(RawKey(name), JsonLines(records), ct);
            names.Add(name);
        }
        return names;
    }

    /// <summary>A raw batch's readings, parsed line by line from its UTF-8 bytes (no text of the whole batch, no string per line).</summary>
    public async Task<IReadOnlyList<SensorReading>> ReadRawAsync(string batch, CancellationToken ct)
    {
        var bytes = await Bucket.ReadBytesAsync(RawKey(batch), ct);
        var readings = new List<SensorReading>();
        for (var rest = bytes.AsSpan(); !rest.IsEmpty;)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (!line.IsEmpty) readings.Add(SensorReading.FromJson(line));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return readings;
    }

    /// <summary>The records' values (each a reading's JSON), one per line, as the UTF-8 bytes of the raw batch.</summary>
    private static byte[] JsonLines(IReadOnlyList<StreamRecord> records)
    {
        var size = 0;
        foreach (var record in records) size += Encoding.UTF8.GetByteCount(record.Value) + 1;
        var bytes = new byte[size];
        var at = 0;
        foreach (var record in records)
        {
            at += Encoding.UTF8.GetBytes(record.Value, bytes.AsSpan(at));
            bytes[at++] = (byte)'\n';
        }
        return bytes;
    }

    public Task WriteProcessedAsync(string batch, IEnumerable<ProcessedReading> rows, CancellationToken ct) =>
        Bucket.PutParquetAsync(ProcessedKey(batch), rows, ct);

    public Task<IList<ProcessedReading>> ReadProcessedAsync(string key, CancellationToken ct) =>
        Bucket.ReadParquetAsync<ProcessedReading>(key, ct);

    public Task WriteAlertReceiptAsync(string batch, int alerts, CancellationToken ct) =>
        Bucket.PutTextAsync(AlertReceiptKey(batch), $"{{\"alerts\":{alerts}}}", ct);

    /// <summary>Raw batches that have no object yet under <paramref name="donePrefix"/> (processed/ or alerts/), oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(string donePrefix, CancellationToken ct)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in Bucket.ListAsync(donePrefix, ct))
            done.Add(NameOf(item.Key, donePrefix));
        var pending = new List<string>();
        await foreach (var item in Bucket.ListAsync(RawPrefix, ct))
        {
            var name = NameOf(item.Key, RawPrefix);
            if (!done.Contains(name)) pending.Add(name);
        }
        return pending;
    }

    private static string NameOf(string key, string prefix)
    {
        var name = key[prefix.Length..];
        var dot = name.LastIndexOf('.');
        return dot > name.LastIndexOf('/') ? name[..dot] : name;
    }
}
