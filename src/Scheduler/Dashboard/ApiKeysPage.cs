using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Access.ApiKeys;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>The API keys: each with its role, life and a revoke button; a form for a new one; a new key's secret once.</summary>
public sealed class ApiKeysPage(IReadOnlyList<ApiKeyView> keys, PageAlert? alert, string? newKey) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage("API keys");
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">API keys</h1>");
        WriteLiteral(DashboardHtml.Alert(alert));
        if (newKey is not null)
            WriteLiteral($"<p>The new key:</p><pre data-new-key>{DashboardHtml.Encode(newKey)}</pre>" +
                         "<p>Send it as <code>Authorization: Bearer …</code> or in the <code>X-Api-Key</code> header.</p>");

        WriteLiteral("<table class=\"table table-condensed\" data-api-keys><thead><tr><th>Id</th><th>Name</th><th>Role</th><th>State</th>" +
                     "<th>Made</th><th>Expires</th><th></th></tr></thead><tbody>");
        foreach (var key in keys)
        {
            WriteLiteral($"<tr data-key=\"{DashboardHtml.Encode(key.Id)}\"><td><code>{DashboardHtml.Encode(key.Id)}</code></td>" +
                         $"<td>{DashboardHtml.Encode(key.Name)}</td><td>{DashboardHtml.Encode(key.Role)}</td><td>{DashboardHtml.Encode(key.State)}</td>" +
                         $"<td>{key.CreatedAt:yyyy-MM-dd HH:mm} by {DashboardHtml.Encode(key.CreatedBy)}</td>" +
                         $"<td>{(key.ExpiresAt is { } until ? $"{until:yyyy-MM-dd HH:mm}" : "never")}</td><td>");
            if (key.State != "revoked")
                WriteLiteral(DashboardHtml.FormStart(this, DashboardPaths.RevokeKey(key.Id)) +
                             "<button type=\"submit\" class=\"btn btn-xs btn-danger\">Revoke</button></form>");
            WriteLiteral("</td></tr>");
        }
        WriteLiteral("</tbody></table>");

        WriteLiteral("<h3>New key</h3>" + DashboardHtml.FormStart(this, DashboardPaths.ApiKeys, "form-inline") +
                     "<input class=\"form-control\" name=\"name\" placeholder=\"name, e.g. ci-deploy\" required maxlength=\"100\"> " +
                     $"<input class=\"form-control\" name=\"role\" placeholder=\"role\" value=\"viewer\" required title=\"{RoleGrant.Forms}\"> " +
                     "<input class=\"form-control\" type=\"date\" name=\"expires\" title=\"expires (optional)\"> " +
                     "<button type=\"submit\" class=\"btn btn-primary\">Make key</button></form></div></div>");
    }
}
