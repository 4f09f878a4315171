using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;

namespace Pipeline.Jobs.Breweries;

/// <summary>render_chart: the day's gold drawn as a PNG, <c>gold/data/visualizations/date=.../breweries_aggregated.png</c>.</summary>
public sealed class RenderChart(ILake lake, IOptions<BreweriesOptions> options) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var day = BreweryDay.Of(context);
        var settings = options.Value;
        var bucket = lake.Bucket(settings.Bucket);
        return await LayerErrorLog.RunAsync(bucket, BreweryKeys.ErrorLogs("gold", day), context, async () =>
        {
            var ct = context.CancellationToken;
            var gold = await bucket.ReadParquetAsync<GoldBreweryCount>(BreweryKeys.Gold(day), ct);
            if (gold.Count == 0) throw new DataQualityException($"Gold for {day:yyyy-MM-dd} is empty: nothing to draw.");

            var png = BreweryChart.RenderPng(gold.ToList(), day, settings.ChartLocations, settings.ChartWidth, settings.ChartHeight);
            var key = BreweryKeys.Chart(day);
            await bucket.PutBytesAsync(key, png, ct);
            context.Logger.LogInformation("Chart: {Width}x{Height} PNG, {Bytes} bytes, in {Bucket}/{Key}",
                settings.ChartWidth, settings.ChartHeight, png.Length, bucket.Name, key);
            context.Progress.Report(1);
            return new JobResult(JsonSerializer.Serialize(new { key, bytes = png.Length }));
        });
    }
}
