using System.Text.Json;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>GET /sensors/status: the Sensors page's data as JSON, which the page fetches to update itself.</summary>
public sealed class SensorsStatusDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get)) return;
        var http = context.GetHttpContext();
        var view = await LoadAsync(http.RequestServices, http.RequestAborted);
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(JsonSerializer.Serialize(view, JsonSerializerOptions.Web), http.RequestAborted);
    }

    public static async Task<SensorsView> LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        var latest = await services.GetRequiredService<ICache>().GetAsync(SensorCache.LatestKey, ct);
        return SensorsView.From(latest, services.GetRequiredService<IOptions<AirQualityOptions>>().Value);
    }
}
