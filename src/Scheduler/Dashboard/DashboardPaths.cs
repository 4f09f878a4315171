namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// Where the pipeline pages live inside the dashboard: the route patterns Hangfire matches (paths relative
/// to the dashboard, as <c>Url.To</c> expects) and the links the pages build to them.
/// </summary>
public static class DashboardPaths
{
    public const string Pipelines = "/pipelines";
    public const string Sensors = "/sensors";
    public const string SensorsStatus = "/sensors/status";

    // Hangfire anchors each pattern and takes the first that matches, so the run and backfill routes (a GUID segment)
    // come before the pipeline-name ones; "runs" or "backfills" would otherwise be read as a pipeline name.
    public const string RunPattern = "/pipelines/runs/(?<id>[0-9a-fA-F-]{36})";
    public const string CancelPattern = RunPattern + "/cancel";
    public const string ResumePattern = RunPattern + "/resume";
    public const string StartPattern = RunPattern + "/start";
    public const string BackfillPagePattern = "/pipelines/backfills/(?<id>[0-9a-fA-F-]{36})";
    public const string CancelBackfillPattern = BackfillPagePattern + "/cancel";
    public const string RetryBackfillPattern = BackfillPagePattern + "/retry-failed";
    public const string TriggerPattern = "/pipelines/(?<name>[^/]+)/run";
    public const string BackfillsPattern = "/pipelines/(?<name>[^/]+)/backfills";
    public const string PausePattern = "/pipelines/(?<name>[^/]+)/pause";
    public const string UnpausePattern = "/pipelines/(?<name>[^/]+)/unpause";
    public const string BackfillPattern = "/pipelines/(?<name>[^/]+)/backfill";
    public const string PipelinePattern = "/pipelines/(?<name>[^/]+)";

    /// <summary>The breweries pipeline's gold and chart (Dashboard/Breweries).</summary>
    public const string Breweries = "/breweries";
    public const string BreweriesChart = "/breweries/chart";

    /// <summary>API keys (admins only): the list, the form that makes one, and each key's revoke button.</summary>
    public const string ApiKeys = "/api-keys";
    public const string RevokeKeyPattern = "/api-keys/(?<id>[0-9a-f]{12})/revoke";

    /// <summary>Who the caller is, and the button that ends a dashboard session (people signed in through the provider).</summary>
    public const string SignOut = "/sign-out";

    public static string RevokeKey(string id) => $"/api-keys/{id}/revoke";

    public static string Run(Guid runId) => $"/pipelines/runs/{runId}";

    public static string Cancel(Guid runId) => $"{Run(runId)}/cancel";

    public static string Resume(Guid runId) => $"{Run(runId)}/resume";

    public static string Start(Guid runId) => $"{Run(runId)}/start";

    public static string BackfillPage(Guid backfillId) => $"/pipelines/backfills/{backfillId}";

    public static string CancelBackfill(Guid backfillId) => $"{BackfillPage(backfillId)}/cancel";

    public static string RetryBackfill(Guid backfillId) => $"{BackfillPage(backfillId)}/retry-failed";

    public static string Backfills(string pipeline) => $"/pipelines/{Uri.EscapeDataString(pipeline)}/backfills";

    public static string Pause(string pipeline) => $"/pipelines/{Uri.EscapeDataString(pipeline)}/pause";

    public static string Unpause(string pipeline) => $"/pipelines/{Uri.EscapeDataString(pipeline)}/unpause";

    public static string Trigger(string pipeline) => $"/pipelines/{Uri.EscapeDataString(pipeline)}/run";

    public static string Backfill(string pipeline) => $"/pipelines/{Uri.EscapeDataString(pipeline)}/backfill";

    public static string Pipeline(string pipeline) => $"/pipelines/{Uri.EscapeDataString(pipeline)}";

    /// <summary>A prefix for the ids of a pipeline's form fields.</summary>
    public static string PipelineAnchor(string pipeline) => $"pipeline-{Uri.EscapeDataString(pipeline)}";

    /// <summary>Where a task's log starts on the run page.</summary>
    public static string LogAnchor(string task) => $"log-{Uri.EscapeDataString(task)}";
}
