using Hangfire.Dashboard;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>The dashboard follows the same rule as the mutating API: localhost, or the configured credentials.</summary>
public sealed class DashboardAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.RequestServices.GetRequiredService<AccessGuard>().IsAllowed(http)) return true;
        http.Response.Headers.WWWAuthenticate = AccessGuard.Challenge;
        return false;
    }
}
