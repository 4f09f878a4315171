using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Notifications;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>The dashboard's run and pipeline pages under Notifications:PublicBaseUrl.</summary>
public sealed class DashboardRunLinks(IOptions<NotificationOptions> options) : IRunLinks
{
    /// <summary>Where the host mounts the dashboard (see WebHostExtensions).</summary>
    public const string DashboardPath = "/hangfire";

    private string Base => options.Value.PublicBaseUrl.TrimEnd('/') + DashboardPath;

    public string Run(Guid runId) => Base + DashboardPaths.Run(runId);

    public string Pipeline(string pipeline) => $"{Base}{DashboardPaths.Pipelines}#{DashboardPaths.PipelineAnchor(pipeline)}";
}
