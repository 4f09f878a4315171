using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The menu entries that depend on who is looking: API keys for admins, Sign out for a session made through the
/// provider. Hangfire skips an entry whose function gives null. Its menu is drawn synchronously, so the admin check
/// reads the caller's grants directly, as the Admin policy's handler does (it needs no pipeline, hence no lookup).
/// </summary>
public static class AccessMenu
{
    public static readonly Func<RazorPage, MenuItem> ApiKeys = page =>
        AccessClaims.Allows(page.Context.GetHttpContext().User, AccessLevel.Admin, pipeline: null)
            ? new MenuItem("API keys", page.Url.To(DashboardPaths.ApiKeys))
            {
                Active = page.RequestPath.StartsWith(DashboardPaths.ApiKeys, StringComparison.OrdinalIgnoreCase),
            }
            : null!;

    public static readonly Func<RazorPage, MenuItem> SignOut = page =>
        AccessSchemes.IsSession(page.Context.GetHttpContext())
            ? new MenuItem("Sign out", page.Url.To(DashboardPaths.SignOut))
            {
                Active = page.RequestPath.StartsWith(DashboardPaths.SignOut, StringComparison.OrdinalIgnoreCase),
            }
            : null!;

    /// <summary>After Hangfire's own entries, once per process (the caller holds the registration lock).</summary>
    public static void Register()
    {
        foreach (var entry in new[] { ApiKeys, SignOut })
        {
            if (!NavigationMenu.Items.Contains(entry)) NavigationMenu.Items.Add(entry);
        }
    }
}
