using Hangfire.Dashboard;
using Pipeline.Jobs.Breweries;

namespace Pipeline.Scheduler.Dashboard.Breweries;

/// <summary>GET /breweries/chart?date=YYYY-MM-DD: the day's chart PNG from the lake (404 when there is none).</summary>
public sealed class BreweriesChartDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        var http = context.GetHttpContext();
        if (!BreweriesPageDispatcher.TryParseDay(context.Request.GetQuery("date"), out var day) || day is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("date: a day like 2025-06-01 is required.", http.RequestAborted);
            return;
        }
        var png = await http.RequestServices.GetRequiredService<BreweriesGold>().ChartAsync(day.Value, http.RequestAborted);
        if (png is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "image/png";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.ContentLength = png.Length;
        await http.Response.Body.WriteAsync(png, http.RequestAborted);
    }
}
