using Hangfire.Dashboard;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>The answers a pipeline dispatcher gives: a rendered page, a redirect after a form, or a refusal.</summary>
public static class DashboardResponses
{
    /// <summary>
    /// Renders a page inside Hangfire's layout. Hangfire's own page dispatcher is what binds a page to the
    /// request (that binding is internal to Hangfire), and <c>AddRazorPage</c> is the public way to get one;
    /// our pages load their data asynchronously first, so they cannot be built by Hangfire's route table itself.
    /// </summary>
    public static Task RenderAsync(DashboardContext context, RazorPage page, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        var renderer = new Hangfire.Dashboard.RouteCollection();
        renderer.AddRazorPage("/", _ => page);
        return renderer.FindDispatcher("/").Item1.Dispatch(context);
    }

    /// <summary>Post/redirect/get: a 303 so that reloading the page that follows never submits the form again.</summary>
    public static void SeeOther(DashboardContext context, string dashboardPath)
    {
        var http = context.GetHttpContext();
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(dashboardPath);
    }

    /// <summary>True when the request uses one of the methods; otherwise answers 405 with the Allow header.</summary>
    public static bool Allows(DashboardContext context, params string[] methods)
    {
        var http = context.GetHttpContext();
        if (methods.Any(m => HttpMethods.Equals(m, http.Request.Method))) return true;
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        http.Response.Headers.Allow = string.Join(", ", methods);
        return false;
    }
}
