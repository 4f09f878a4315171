using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;

namespace Pipeline.Jobs.Breweries;

/// <summary>What the pipeline has produced, for readers such as the dashboard page: the days with gold, a day's
/// counts, its chart and its silver quality report.</summary>
public sealed class BreweriesGold(ILake lake, IOptions<BreweriesOptions> options)
{
    private ILakeBucket Bucket => lake.Bucket(options.Value.Bucket);

    /// <summary>Days with a gold aggregate, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysAsync(CancellationToken ct) =>
        (await Bucket.ListAsync(BreweryKeys.GoldFolder, ct).ToListAsync(ct))
        .Select(o => BreweryKeys.GoldDay(o.Key)).OfType<DateOnly>().Distinct().OrderDescending().ToList();

    public async Task<IReadOnlyList<GoldBreweryCount>?> CountsAsync(DateOnly day, CancellationToken ct)
    {
        try
        {
            return (await Bucket.ReadParquetAsync<GoldBreweryCount>(BreweryKeys.Gold(day), ct)).ToList();
        }
        catch (LakeObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<byte[]?> ChartAsync(DateOnly day, CancellationToken ct)
    {
        try
        {
            return await Bucket.ReadBytesAsync(BreweryKeys.Chart(day), ct);
        }
        catch (LakeObjectNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> ChartExistsAsync(DateOnly day, CancellationToken ct) => Bucket.ExistsAsync(BreweryKeys.Chart(day), ct);

    public async Task<SilverQuality?> QualityAsync(DateOnly day, CancellationToken ct)
    {
        try
        {
            return JsonSerializer.Deserialize<SilverQuality>(await Bucket.ReadTextAsync(BreweryKeys.Quality(day), ct), BuildSilver.Json);
        }
        catch (LakeObjectNotFoundException)
        {
            return null;
        }
    }
}
