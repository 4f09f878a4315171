using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Engine.Controls;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The dashboard's forms through the same policies as the API: every page needs a viewer (the endpoint's policy);
/// a form that changes something needs an operator of its pipeline, or an admin.
/// </summary>
public static class DashboardAccess
{
    /// <summary>True when the caller may do <paramref name="level"/> on the pipeline; otherwise a 403 page.</summary>
    public static async Task<bool> AllowsAsync(DashboardContext context, AccessLevel level, string? pipeline)
    {
        if (await MayAsync(context, level, pipeline)) return true;
        var http = context.GetHttpContext();
        var what = pipeline is null ? $"an {level.ToString().ToLowerInvariant()}" : $"an {level.ToString().ToLowerInvariant()} of '{pipeline}'";
        await DashboardResponses.RenderAsync(context,
            new NoticePage("Not allowed", PageAlert.Error($"Only {what} may do this; you are signed in as {AccessClaims.Name(http.User) ?? "nobody"}.")),
            StatusCodes.Status403Forbidden);
        return false;
    }

    /// <summary>
    /// Whether the caller may do <paramref name="level"/> on the pipeline, by the policy the form's POST is checked
    /// with: pages draw a form only for those it would let through.
    /// </summary>
    public static async Task<bool> MayAsync(DashboardContext context, AccessLevel level, string? pipeline)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, pipeline ?? "", AccessPolicies.For(level))).Succeeded;
    }

    /// <summary>Hangfire's own pages (jobs, retries, recurring jobs, servers) change things only for operators of every pipeline.</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        !AccessClaims.Allows(context.GetHttpContext().User, AccessLevel.Operator, pipeline: null);

    public static Actor Actor(DashboardContext context) => ApiActors.From(context.GetHttpContext(), "dashboard");
}
