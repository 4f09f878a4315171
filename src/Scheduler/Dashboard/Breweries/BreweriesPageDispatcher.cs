using System.Globalization;
using Hangfire.Dashboard;
using Pipeline.Jobs.Breweries;

namespace Pipeline.Scheduler.Dashboard.Breweries;

/// <summary>GET /breweries?date=YYYY-MM-DD (default: the newest day with gold): loads the day from the lake, then renders it.</summary>
public sealed class BreweriesPageDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        var http = context.GetHttpContext();
        var gold = http.RequestServices.GetRequiredService<BreweriesGold>();
        var ct = http.RequestAborted;

        var asked = context.Request.GetQuery("date");
        if (!TryParseDay(asked, out var askedDay))
        {
            var refusal = new NoticePage("Breweries", PageAlert.Error($"'{asked}' is not a day like 2025-06-01.", field: "date"));
            await DashboardResponses.RenderAsync(context, refusal, StatusCodes.Status400BadRequest);
            return;
        }

        var days = await gold.DaysAsync(ct);
        var day = askedDay ?? (days.Count > 0 ? days[0] : null);
        if (day is not { } shown)
        {
            var empty = new BreweriesPageModel(null, days, [], null, false,
                new PageAlert("info", "No gold yet: run the breweries pipeline (Pipelines page, Run now) and its chart and counts appear here."));
            await DashboardResponses.RenderAsync(context, new BreweriesPage(empty));
            return;
        }

        var counts = await gold.CountsAsync(shown, ct);
        var model = new BreweriesPageModel(shown, days, counts ?? [], await gold.QualityAsync(shown, ct),
            await gold.ChartExistsAsync(shown, ct),
            counts is null ? PageAlert.Error($"There is no gold for {BreweriesPage.DayText(shown)}.") : null);
        await DashboardResponses.RenderAsync(context, new BreweriesPage(model),
            counts is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    /// <summary>True for a well-formed day or no day at all (null).</summary>
    public static bool TryParseDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        day = parsed;
        return true;
    }
}
