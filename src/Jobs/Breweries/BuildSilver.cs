using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;

namespace Pipeline.Jobs.Breweries;

/// <summary>
/// build_silver: the day's bronze, cleaned (see <see cref="BreweryCleaner"/>), as one Parquet object per
/// location: <c>silver/data/breweries/date=.../location=&lt;state&gt;/breweries.parquet</c>. What it dropped and
/// repaired is written beside it (<c>silver/quality/date=.../breweries_quality.json</c>). Gates: bronze has the
/// required columns; what was written to silver, read back, is bronze minus the counted drops.
/// </summary>
public sealed class BuildSilver(ILake lake, IOptions<BreweriesOptions> options) : IJob
{
    /// <summary>Bronze columns silver cannot do without ("state" is the API's deprecated name of state_province).</summary>
    private static readonly string[][] RequiredBronzeColumns = [["id"], ["name"], ["brewery_type"], ["state_province", "state"]];

    public async Task<JobResult> RunAsync(JobContext context)
    {
        var day = BreweryDay.Of(context);
        var bucket = lake.Bucket(options.Value.Bucket);
        return await LayerErrorLog.RunAsync(bucket, BreweryKeys.ErrorLogs("silver", day), context, async () =>
        {
            var ct = context.CancellationToken;
            using var bronze = await ReadBronzeAsync(bucket, day, ct);
            var sources = bronze.RootElement;
            var bronzeRows = sources.GetArrayLength();
            CheckRequiredColumns(sources, bronzeRows, day);

            var cleaner = new BreweryCleaner();
            var partitions = sources.EnumerateArray().Select(cleaner.Clean).OfType<SilverBrewery>()
                .GroupBy(row => BreweryKeys.Location(row.StateProvince), StringComparer.Ordinal)
                .ToDictionary(g => BreweryKeys.SilverPartition(day, g.Key), g => g.ToList(), StringComparer.Ordinal);
            var quality = cleaner.Quality(partitions.Values.Sum(p => p.Count), partitions.Count);
            context.Progress.Report(0.3);

            await Parallel.ForEachAsync(partitions, Parallelism(ct), async (partition, token) =>
                await bucket.PutParquetAsync(partition.Key, partition.Value, token));
            var stale = await bucket.DeleteAllExceptAsync(BreweryKeys.SilverDay(day), partitions.Keys.ToHashSet(), ct);
            context.Progress.Report(0.7);

            var written = await CountWrittenRowsAsync(bucket, partitions.Keys, ct);
            var expected = bronzeRows - quality.DroppedRows;
            if (written != expected)
                throw new DataQualityException(
                    $"Silver for {day:yyyy-MM-dd} has {written} rows, but bronze has {bronzeRows} rows minus {quality.DroppedRows} counted drops = " +
                    $"{expected} ({written - expected:+#;-#} rows).");

            await bucket.PutTextAsync(BreweryKeys.Quality(day), JsonSerializer.Serialize(quality, Json), ct);
            context.Logger.LogInformation(
                "Silver: {Silver} rows in {Locations} locations from {Bronze} bronze rows; dropped {Dropped} ({DropReasons}); " +
                "repaired {Repaired} rows ({RepairReasons}); {Stale} stale objects removed",
                written, partitions.Count, bronzeRows, quality.DroppedRows, Reasons(quality.Dropped), quality.RepairedRows,
                Reasons(quality.Repaired), stale);
            context.Progress.Report(1);
            return new JobResult(JsonSerializer.Serialize(new { bronzeRows, silverRows = written, dropped = quality.DroppedRows, locations = partitions.Count }));
        });
    }

    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    internal static ParallelOptions Parallelism(CancellationToken ct) => new() { MaxDegreeOfParallelism = 8, CancellationToken = ct };

    private static async Task<JsonDocument> ReadBronzeAsync(ILakeBucket bucket, DateOnly day, CancellationToken ct)
    {
        await using var stream = await bucket.OpenReadAsync(BreweryKeys.Bronze(day), ct);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw new DataQualityException($"Bronze for {day:yyyy-MM-dd} is not JSON: {e.Message}");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Array) return document;
        document.Dispose();
        throw new DataQualityException($"Bronze for {day:yyyy-MM-dd} is not a JSON array.");
    }

    /// <summary>A column no bronze row has means the source changed shape: stop before silver is built on it.</summary>
    private static void CheckRequiredColumns(JsonElement sources, int rows, DateOnly day)
    {
        var missing = RequiredBronzeColumns
            .Where(names => !sources.EnumerateArray().Any(row => row.ValueKind == JsonValueKind.Object && names.Any(n => row.TryGetProperty(n, out _))))
            .Select(names => names[0])
            .ToList();
        if (missing.Count > 0)
            throw new DataQualityException(
                $"Bronze for {day:yyyy-MM-dd} lacks required column(s) {string.Join(", ", missing)}: present in 0 of {rows} rows.");
    }

    private static async Task<int> CountWrittenRowsAsync(ILakeBucket bucket, IEnumerable<string> keys, CancellationToken ct)
    {
        var counts = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(keys, Parallelism(ct), async (key, token) =>
            counts.Add((await bucket.ReadParquetAsync<SilverBrewery>(key, token)).Count));
        return counts.Sum();
    }

    private static string Reasons(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
}
