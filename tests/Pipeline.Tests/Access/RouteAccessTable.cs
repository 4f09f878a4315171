using Pipeline.Scheduler.Access;

namespace Pipeline.Tests.Access;

/// <summary>
/// Every endpoint of the host, with the least role that may call it (null: anyone, no credentials) and a request
/// that is harmless whatever the answer (bad input, an unknown id). A new endpoint missing here fails the tests.
/// </summary>
public static class RouteAccessTable
{
    public sealed record Route(string Method, string Pattern, AccessLevel? Level, string? Body = null);

    public static readonly IReadOnlyList<Route> Routes =
    [
        new("GET", "/health/live", null),
        new("GET", "/health/ready", null),
        new("GET", "/metrics", null),
        new("GET", "/openapi/{documentName}.json", AccessLevel.Viewer),
        new("GET", "/api/reference/{documentName?}", AccessLevel.Viewer),
        // Scalar's own script and icon (the same for every install) are open by Scalar's choice; the document is not.
        new("GET", "/api/reference/scalar.js", null),
        new("GET", "/api/reference/scalar.aspnetcore.js", null),
        new("GET", "/api/reference/favicon.svg", null),
        new("GET", "/", AccessLevel.Viewer),
        // Any method (GET stands for all); the pipeline forms and Hangfire's buttons check more themselves (DashboardSignInTests).
        new("GET", "/hangfire/{**path}", AccessLevel.Viewer),

        new("GET", "/api/pipelines/", AccessLevel.Viewer),
        new("GET", "/api/pipelines/{name}", AccessLevel.Viewer),
        new("GET", "/api/pipelines/{name}/partitions", AccessLevel.Viewer),
        new("GET", "/api/pipelines/{name}/grid", AccessLevel.Viewer),
        new("POST", "/api/pipelines/{name}/runs", AccessLevel.Operator, """{"partition": "not-a-day"}"""),
        new("POST", "/api/pipelines/{name}/backfills", AccessLevel.Operator, """{"from": "not-a-day", "to": "2024-01-01"}"""),
        new("POST", "/api/pipelines/{name}/pause", AccessLevel.Operator),
        new("POST", "/api/pipelines/{name}/unpause", AccessLevel.Operator),
        new("POST", "/api/pipelines/{name}/clear", AccessLevel.Operator, """{"from": "not-a-day", "to": "2024-01-01"}"""),
        new("GET", "/api/audit", AccessLevel.Viewer),

        new("GET", "/api/runs/", AccessLevel.Viewer),
        new("GET", "/api/runs/{id:guid}", AccessLevel.Viewer),
        new("GET", "/api/runs/{id:guid}/logs", AccessLevel.Viewer),
        new("GET", "/api/runs/{id:guid}/audit", AccessLevel.Viewer),
        new("POST", "/api/runs/{id:guid}/cancel", AccessLevel.Operator),
        new("POST", "/api/runs/{id:guid}/resume", AccessLevel.Operator),
        new("POST", "/api/runs/{id:guid}/start", AccessLevel.Operator),

        new("GET", "/api/backfills/", AccessLevel.Viewer),
        new("GET", "/api/backfills/{id:guid}", AccessLevel.Viewer),
        new("POST", "/api/backfills/{id:guid}/cancel", AccessLevel.Operator),
        new("POST", "/api/backfills/{id:guid}/retry-failed", AccessLevel.Operator),

        new("GET", "/api/api-keys/", AccessLevel.Admin),
        new("POST", "/api/api-keys/", AccessLevel.Admin, """{"name": "", "role": "viewer"}"""),
        new("POST", "/api/api-keys/{id}/revoke", AccessLevel.Admin),

        new("GET", "/api/source/data", AccessLevel.Viewer),
        new("GET", "/api/crypto/{coin}/history", AccessLevel.Viewer),
        new("POST", "/data", AccessLevel.Operator, """{"dados": 1}"""),
        new("POST", "/send-pokemon-data", AccessLevel.Operator, """{"pokemon_id": -1}"""),
        new("GET", "/api/cache/{key}", AccessLevel.Viewer),
        new("GET", "/api/history", AccessLevel.Viewer),
        new("GET", "/api/history/{*name}", AccessLevel.Viewer),
        new("GET", "/api/alerts", AccessLevel.Operator),
    ];

    /// <summary>A value for each route parameter: real where a role is about that pipeline, unknown where it is an id.</summary>
    public static string Url(string pattern, Guid unknownId) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*{0,2}(?<name>[a-zA-Z]+)[^}]*\}", m => m.Groups["name"].Value switch
        {
            "name" when pattern.StartsWith("/api/history", StringComparison.Ordinal) => "no-such-object.parquet",
            "name" => "hello",
            "id" when pattern.Contains("api-keys", StringComparison.Ordinal) => "000000000000",
            "id" => unknownId.ToString(),
            "documentName" => "v1",
            "coin" => "bitcoin",
            "key" => "no-such-key",
            "path" => "pipelines",
            var other => throw new InvalidOperationException($"No sample value for route parameter '{other}' of {pattern}: add one."),
        });
}
