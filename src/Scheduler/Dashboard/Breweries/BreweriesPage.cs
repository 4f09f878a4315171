using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Jobs.Breweries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Breweries;

/// <summary>
/// The breweries pipeline's gold for one day: the chart on the left, the counts per location (largest first,
/// with each type's count) on the right, what silver dropped and repaired above, and links to the other days.
/// </summary>
public sealed class BreweriesPage(BreweriesPageModel model) : RazorPage
{
    public const int DayLinks = 14;

    public override void Execute()
    {
        Layout = new LayoutPage("Breweries");
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\">");
        WriteLiteral("<h1 class=\"page-header\">Breweries");
        if (model.Day is { } day) WriteLiteral($" <small>gold for {Encode(DayText(day))}</small>");
        WriteLiteral("</h1>");
        WriteLiteral(Alert(model.Alert));
        WriteDays();
        if (model.Day is { } shown && model.Gold.Count > 0)
        {
            WriteSummary();
            WriteLiteral("<div class=\"row\">");
            WriteLiteral("<div class=\"col-md-7\">");
            if (model.HasChart)
                WriteLiteral($"<img class=\"js-breweries-chart img-responsive\" src=\"{Encode(Url.To(ChartPath(shown)))}\" alt=\"Breweries by location and type on {Encode(DayText(shown))}\" " +
                             "style=\"max-width:100%;height:auto;border:1px solid #ddd\">");
            else
                WriteLiteral("<p class=\"text-muted\">No chart for this day yet (render_chart has not run).</p>");
            WriteLiteral("</div><div class=\"col-md-5\">");
            WriteTable();
            WriteLiteral("</div></div>");
        }
        WriteLiteral("</div></div>");
    }

    public static string ChartPath(DateOnly day) => $"/breweries/chart?date={DayText(day)}";

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void WriteDays()
    {
        if (model.Days.Count == 0) return;
        WriteLiteral("<p>Days with gold: ");
        WriteLiteral(string.Join(" ", model.Days.Take(DayLinks).Select(d => d == model.Day
            ? $"<span class=\"label label-primary\">{Encode(DayText(d))}</span>"
            : $"<a href=\"{Encode(Url.To($"/breweries?date={DayText(d)}"))}\">{Encode(DayText(d))}</a>")));
        if (model.Days.Count > DayLinks) WriteLiteral($" {Muted($"and {model.Days.Count - DayLinks} older")}");
        WriteLiteral("</p>");
    }

    private void WriteSummary()
    {
        var total = model.Gold.Sum(g => g.Breweries);
        var locations = model.Gold.Select(g => g.Location).Distinct().Count();
        var types = model.Gold.Select(g => g.BreweryType).Distinct().Count();
        WriteLiteral($"<p><strong>{Number(total)} breweries</strong> in {Number(locations)} locations, {Number(types)} types.");
        if (model.Quality is { } q)
        {
            WriteLiteral($" Silver kept {Number(q.SilverRows)} of {Number(q.BronzeRows)} bronze rows: dropped {Number(q.DroppedRows)}");
            if (q.Dropped.Count > 0) WriteLiteral($" ({Encode(Reasons(q.Dropped))})");
            WriteLiteral($", repaired {Number(q.RepairedRows)}");
            if (q.Repaired.Count > 0) WriteLiteral($" ({Encode(Reasons(q.Repaired))})");
            WriteLiteral(".");
        }
        WriteLiteral("</p>");
    }

    private void WriteTable()
    {
        var locations = model.Gold.GroupBy(g => g.Location, StringComparer.Ordinal)
            .Select(g => (Location: g.Key, Total: g.Sum(x => x.Breweries), Types: g.OrderByDescending(x => x.Breweries).ThenBy(x => x.BreweryType, StringComparer.Ordinal).ToList()))
            .OrderByDescending(l => l.Total).ThenBy(l => l.Location, StringComparer.Ordinal);
        WriteLiteral("<table class=\"table table-condensed table-striped js-breweries-gold\"><thead><tr>" +
                     "<th>Location</th><th class=\"text-right\">Breweries</th><th>By type</th></tr></thead><tbody>");
        foreach (var location in locations)
        {
            WriteLiteral($"<tr><td>{Encode(location.Location)}</td><td class=\"text-right\"><strong>{Number(location.Total)}</strong></td><td><small>");
            WriteLiteral(string.Join(" · ", location.Types.Select(t => $"{Encode(t.BreweryType)} {Number(t.Breweries)}")));
            WriteLiteral("</small></td></tr>");
        }
        WriteLiteral("</tbody></table>");
    }

    private static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Reasons(IReadOnlyDictionary<string, int> counts) =>
        string.Join("; ", counts.Select(c => $"{c.Key}: {Number(c.Value)}"));
}
