using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;

namespace Pipeline.Jobs.Breweries;

/// <summary>
/// build_gold: the number of breweries per location and type, from the day's silver partitions, as
/// <c>gold/data/state_brewery_type/date=.../breweries_aggregated.parquet</c>. Gates: every silver partition has
/// the required columns; the gold counts, read back, sum to the silver rows.
/// </summary>
public sealed class BuildGold(ILake lake, IOptions<BreweriesOptions> options) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var day = BreweryDay.Of(context);
        var bucket = lake.Bucket(options.Value.Bucket);
        return await LayerErrorLog.RunAsync(bucket, BreweryKeys.ErrorLogs("gold", day), context, async () =>
        {
            var ct = context.CancellationToken;
            var keys = await bucket.ListAsync(BreweryKeys.SilverDay(day), ct)
                .Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).Select(o => o.Key).ToListAsync(ct);
            if (keys.Count == 0)
                throw new DataQualityException($"Silver for {day:yyyy-MM-dd} has no partitions under {BreweryKeys.SilverDay(day)}.");

            var partitions = new ConcurrentBag<(string Location, IList<SilverBrewery> Rows)>();
            await Parallel.ForEachAsync(keys, BuildSilver.Parallelism(ct), async (key, token) =>
            {
                var file = await bucket.ReadParquetWithColumnsAsync<SilverBrewery>(key, token);
                var missing = SilverBrewery.RequiredColumns.Except(file.Columns, StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                    throw new DataQualityException($"Silver partition {key} lacks required column(s) {string.Join(", ", missing)}.");
                partitions.Add((LocationOf(key), file.Rows));
            });
            var silverRows = partitions.Sum(p => p.Rows.Count);
            context.Progress.Report(0.5);

            var gold = partitions
                .SelectMany(p => p.Rows.Select(row => (p.Location, row.BreweryType)))
                .GroupBy(x => x)
                .Select(g => new GoldBreweryCount { Location = g.Key.Location, BreweryType = g.Key.BreweryType, Breweries = g.Count() })
                .OrderBy(g => g.Location, StringComparer.Ordinal).ThenBy(g => g.BreweryType, StringComparer.Ordinal)
                .ToList();
            var key = BreweryKeys.Gold(day);
            await bucket.PutParquetAsync(key, gold, ct);

            var total = (await bucket.ReadParquetAsync<GoldBreweryCount>(key, ct)).Sum(g => g.Breweries);
            if (total != silverRows)
                throw new DataQualityException(
                    $"Gold for {day:yyyy-MM-dd} counts {total} breweries, but silver has {silverRows} rows ({total - silverRows:+#;-#}).");

            context.Logger.LogInformation("Gold: {Rows} (location, type) counts over {Locations} locations, {Total} breweries, in {Bucket}/{Key}",
                gold.Count, partitions.Count, total, bucket.Name, key);
            context.Progress.Report(1);
            return new JobResult(JsonSerializer.Serialize(new { rows = gold.Count, breweries = total, key }));
        });
    }

    /// <summary>The location a silver key names (its <c>location=</c> folder), as Hive-style readers take it.</summary>
    private static string LocationOf(string key) =>
        key.Split('/').FirstOrDefault(s => s.StartsWith("location=", StringComparison.Ordinal))?["location=".Length..]
        ?? throw new DataQualityException($"Silver object {key} is not under a location= folder.");
}
