using System.Globalization;
using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Access.ApiKeys;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// GET /api-keys lists the keys; POST /api-keys makes one and shows its secret this once; POST
/// /api-keys/{id}/revoke revokes one. Admins only.
/// </summary>
public sealed class ApiKeysDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)) return;
        if (!await DashboardAccess.AllowsAsync(context, AccessLevel.Admin, pipeline: null)) return;
        var http = context.GetHttpContext();
        var keys = http.RequestServices.GetRequiredService<ApiKeyStore>();
        var ct = http.RequestAborted;

        if (context.UriMatch.Groups["id"] is { Success: true } id)
        {
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                DashboardResponses.Allows(context, HttpMethods.Post);
                return;
            }
            var revoked = await keys.RevokeAsync(id.Value, DashboardAccess.Actor(context), ct);
            if (revoked is null) await RenderAsync(context, keys, PageAlert.Error($"There is no key {id.Value}."), null, StatusCodes.Status404NotFound);
            else DashboardResponses.SeeOther(context, DashboardPaths.ApiKeys);
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await RenderAsync(context, keys, null, null);
            return;
        }
        var form = await DashboardForm.ReadAsync(http);
        try
        {
            var created = await keys.CreateAsync(form["name"], form["role"], Expiry(form["expires"]), DashboardAccess.Actor(context), ct);
            await RenderAsync(context, keys, PageAlert.Success($"Key {created.View.Id} made. Copy it now: it is not shown again."), created.Key);
        }
        catch (Exception error) when (Refusal.From(error) is { } refusal)
        {
            await RenderAsync(context, keys, refusal.Alert, null, refusal.StatusCode);
        }
    }

    private static DateTime? Expiry(string? day)
    {
        if (day is null) return null;
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new Engine.InvalidRequestException("expires", $"'{day}' is not a date (YYYY-MM-DD).");
        return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    private static async Task RenderAsync(DashboardContext context, ApiKeyStore keys, PageAlert? alert, string? newKey, int status = StatusCodes.Status200OK) =>
        await DashboardResponses.RenderAsync(context, new ApiKeysPage(await keys.ListAsync(context.GetHttpContext().RequestAborted), alert, newKey), status);
}
