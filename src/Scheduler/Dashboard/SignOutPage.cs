using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Access;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>Who the caller is and with which roles; for a session made through the provider, the Sign-out button.</summary>
public sealed class SignOutPage(bool session) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage("Sign out");
        var user = Context.GetHttpContext().User;
        var roles = string.Join(", ", AccessClaims.Grants(user).Select(g => g.ToString()));
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Sign out</h1>");
        WriteLiteral($"<p class=\"js-signed-in-as\">Signed in as <strong>{Encode(AccessClaims.Name(user) ?? "nobody")}</strong>" +
                     $" ({(roles.Length == 0 ? "no role" : Encode(roles))}).</p>");
        if (session)
        {
            WriteLiteral(FormStart(this, DashboardPaths.SignOut, "js-sign-out-form") +
                         "<button type=\"submit\" class=\"btn btn-primary\"><span class=\"glyphicon glyphicon-log-out\"></span> Sign out</button></form>" +
                         "<p class=\"help-block\">Ends this dashboard session and your session at the sign-in provider.</p>");
        }
        else
        {
            WriteLiteral(Alert(new PageAlert("info", "There is no dashboard session to end: this browser sends its credentials with every request " +
                                                     "(Basic, an API key or a token), or is on this machine.")));
        }
        WriteLiteral("</div></div>");
    }
}
