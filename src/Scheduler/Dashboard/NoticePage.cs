using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>A page with only a message and the way back to the pipelines, for a run that does not exist.</summary>
public sealed class NoticePage(string title, PageAlert alert) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage(title);
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">");
        Write(title);
        WriteLiteral("</h1>");
        WriteLiteral(DashboardHtml.Alert(alert));
        WriteLiteral($"<a class=\"btn btn-sm btn-default\" href=\"{DashboardHtml.Encode(Url.To(DashboardPaths.Pipelines))}\">" +
                     "<span class=\"glyphicon glyphicon-arrow-left\"></span> Pipelines</a></div></div>");
    }
}
