using System.Globalization;
using ScottPlot;

namespace Pipeline.Jobs.Breweries;

/// <summary>
/// The gold aggregate drawn for a glance: the locations with the most breweries as horizontal bars (largest at
/// the top), each bar stacked by brewery type, with a legend of the types.
/// </summary>
public static class BreweryChart
{
    public static byte[] RenderPng(IReadOnlyCollection<GoldBreweryCount> gold, DateOnly day, int locations, int width, int height)
    {
        var byLocation = gold.GroupBy(g => g.Location, StringComparer.Ordinal)
            .Select(g => (Location: g.Key, Total: g.Sum(x => x.Breweries), Types: g.ToDictionary(x => x.BreweryType, x => x.Breweries, StringComparer.Ordinal)))
            .OrderByDescending(l => l.Total).ThenBy(l => l.Location, StringComparer.Ordinal)
            .ToList();
        var shown = byLocation.Take(locations).Reverse().ToList(); // bottom-up, so the largest is drawn at the top
        var types = gold.GroupBy(g => g.BreweryType, StringComparer.Ordinal)
            .OrderByDescending(t => t.Sum(x => x.Breweries)).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => t.Key).ToList();
        IPalette palette = new ScottPlot.Palettes.Category20();
        var colors = types.Select((type, i) => (type, color: palette.GetColor(i))).ToDictionary(t => t.type, t => t.color, StringComparer.Ordinal);

        var plot = new Plot();
        var bars = new List<Bar>();
        for (var position = 0; position < shown.Count; position++)
        {
            double stacked = 0;
            foreach (var type in types)
            {
                if (!shown[position].Types.TryGetValue(type, out var count) || count == 0) continue;
                bars.Add(new Bar { Position = position, ValueBase = stacked, Value = stacked + count, FillColor = colors[type], LineWidth = 0 });
                stacked += count;
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, shown.Count).Select(i => (double)i).ToArray(),
            shown.Select(l => $"{l.Location} ({l.Total.ToString("N0", CultureInfo.InvariantCulture)})").ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(0, Math.Max(1, shown.Count == 0 ? 1 : shown.Max(l => l.Total)) * 1.05);
        plot.Axes.SetLimitsY(-0.6, shown.Count - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        foreach (var type in types)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = type, FillColor = colors[type] });
        plot.ShowLegend(Alignment.LowerRight);

        var total = gold.Sum(g => g.Breweries);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Breweries by location and type, {day:yyyy-MM-dd}: top {shown.Count} of {byLocation.Count} locations ({total:N0} breweries)"));
        plot.XLabel("Breweries");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
