using Hangfire;
using Hangfire.Dashboard;
using Pipeline.Scheduler.Dashboard.Backfills;
using Pipeline.Scheduler.Dashboard.Breweries;

namespace Pipeline.Scheduler.Dashboard;

public static class DashboardSetup
{
    // Hangfire keeps routes and the menu in process-wide lists that are not thread-safe, and tests start
    // several hosts at once: registration happens once, under this lock, all or nothing.
    private static readonly Lock Gate = new();
    private const string AssetPrefix = "Pipeline.Scheduler.Dashboard.Assets.";

    private static readonly Func<RazorPage, MenuItem> MenuEntry = page =>
        new MenuItem("Pipelines", page.Url.To(DashboardPaths.Pipelines))
        {
            Active = page.RequestPath.StartsWith(DashboardPaths.Pipelines, StringComparison.OrdinalIgnoreCase),
        };

    private static readonly Func<RazorPage, MenuItem> SensorsMenuEntry = page =>
        new MenuItem("Sensors", page.Url.To(DashboardPaths.Sensors))
        {
            Active = page.RequestPath.StartsWith(DashboardPaths.Sensors, StringComparison.OrdinalIgnoreCase),
        };

    private static readonly Func<RazorPage, MenuItem> BreweriesMenuEntry = page =>
        new MenuItem("Breweries", page.Url.To(DashboardPaths.Breweries))
        {
            Active = page.RequestPath.StartsWith(DashboardPaths.Breweries, StringComparison.OrdinalIgnoreCase),
        };

    public static IServiceCollection AddPipelineDashboard(this IServiceCollection services) => services;

    /// <summary>
    /// The dashboard as an endpoint, so the same authorization as the API applies: a viewer to look (the policy), an
    /// operator to press Hangfire's own buttons (read-only otherwise), and our forms check their pipeline themselves.
    /// </summary>
    public static IEndpointConventionBuilder MapPipelineDashboard(this IEndpointRouteBuilder endpoints, string path)
    {
        RegisterPages();
        // Hangfire resolves this host's own storage from the services.
        return endpoints.MapHangfireDashboard(path, new DashboardOptions
        {
            // No filter of Hangfire's own: ASP.NET Core's authorization has decided before Hangfire sees the request.
            Authorization = [],
            IsReadOnlyFunc = DashboardAccess.IsReadOnly,
            DashboardTitle = "Pipeline",
        }).RequireAuthorization(Access.AccessPolicies.Viewer);
    }

    private static void RegisterPages()
    {
        lock (Gate)
        {
            var routes = DashboardRoutes.Routes;
            if (routes.FindDispatcher(DashboardPaths.Pipelines) is null)
            {
                routes.Add(DashboardPaths.Pipelines, new PipelinesPageDispatcher());
                routes.Add(DashboardPaths.CancelPattern, new RunActionDispatcher(RunAction.Cancel));
                routes.Add(DashboardPaths.ResumePattern, new RunActionDispatcher(RunAction.Resume));
                routes.Add(DashboardPaths.StartPattern, new RunActionDispatcher(RunAction.Start));
                routes.Add(DashboardPaths.RunPattern, new RunPageDispatcher());
                routes.Add(DashboardPaths.CancelBackfillPattern, new BackfillActionDispatcher(BackfillAction.Cancel));
                routes.Add(DashboardPaths.RetryBackfillPattern, new BackfillActionDispatcher(BackfillAction.RetryFailed));
                routes.Add(DashboardPaths.BackfillPagePattern, new BackfillPageDispatcher());
                routes.Add(DashboardPaths.TriggerPattern, new TriggerRunDispatcher());
                routes.Add(DashboardPaths.BackfillPattern, new BackfillDispatcher());
                routes.Add(DashboardPaths.BackfillsPattern, new BackfillListDispatcher());
                routes.Add(DashboardPaths.PausePattern, new PauseDispatcher(pause: true));
                routes.Add(DashboardPaths.UnpausePattern, new PauseDispatcher(pause: false));
                routes.Add(DashboardPaths.PipelinePattern, new PipelinePageDispatcher());
                // In Hangfire's own bundles, so every dashboard page has them, cached by Hangfire's version.
                DashboardRoutes.AddStylesheet(typeof(DashboardSetup).Assembly, AssetPrefix + "pipelines.css");
                DashboardRoutes.AddJavaScript(typeof(DashboardSetup).Assembly, AssetPrefix + "pipelines.js");
                routes.Add(DashboardPaths.SensorsStatus, new SensorsStatusDispatcher());
                routes.Add(DashboardPaths.Sensors, new SensorsPageDispatcher());
                routes.Add(DashboardPaths.BreweriesChart, new BreweriesChartDispatcher());
                routes.Add(DashboardPaths.Breweries, new BreweriesPageDispatcher());
                routes.Add(DashboardPaths.RevokeKeyPattern, new ApiKeysDispatcher());
                routes.Add(DashboardPaths.ApiKeys, new ApiKeysDispatcher());
                routes.Add(DashboardPaths.SignOut, new SignOutDispatcher());
            }

            // First in the menu: the pipelines are what this dashboard is for.
            if (!NavigationMenu.Items.Contains(MenuEntry))
                NavigationMenu.Items.Insert(0, MenuEntry);
            if (!NavigationMenu.Items.Contains(SensorsMenuEntry))
                NavigationMenu.Items.Insert(1, SensorsMenuEntry);
            if (!NavigationMenu.Items.Contains(BreweriesMenuEntry))
                NavigationMenu.Items.Insert(2, BreweriesMenuEntry);
            AccessMenu.Register();
        }
    }
}
