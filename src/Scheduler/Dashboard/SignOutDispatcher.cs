using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Pipeline.Scheduler.Access;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// GET /sign-out shows who the caller is and a Sign-out button; POST /sign-out (with Hangfire's antiforgery token)
/// ends the session cookie and the provider's session, and comes back to the dashboard, whose next page asks the
/// provider to sign in again. Only a session made through the provider can be ended: other callers send credentials
/// with every request (Basic, keys, tokens) or are the local caller.
/// </summary>
public sealed class SignOutDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)) return;
        var http = context.GetHttpContext();
        var session = AccessSchemes.IsSession(http);
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await DashboardResponses.RenderAsync(context, new SignOutPage(session));
            return;
        }
        if (!session)
        {
            await DashboardResponses.RenderAsync(context, new SignOutPage(session), StatusCodes.Status400BadRequest);
            return;
        }
        await http.SignOutAsync(AccessSchemes.Session);
        await http.SignOutAsync(AccessSchemes.OpenIdConnect, new AuthenticationProperties { RedirectUri = new UrlHelper(context).To("/") });
    }
}
