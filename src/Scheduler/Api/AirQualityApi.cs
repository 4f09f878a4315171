using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Lake;
using Pipeline.Jobs.AirQuality;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Scheduler.Api;

/// <summary>One place to read what the air-quality pipeline produced: the cache, the processed history and the alerts.</summary>
public static class AirQualityApi
{
    public const int MaxAlerts = 1000;

    public static IEndpointRouteBuilder MapAirQualityApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Air quality");
        api.MapGet("/cache/{key}", GetCacheEntry);
        api.MapGet("/history", ListHistory);
        api.MapGet("/history/{*name}", GetHistory);
        // Taking alerts removes them from the queue: from another machine it needs the Access credentials.
        // It takes what it returns off the queue: an operator's (of air-quality) to do.
        api.MapGet("/alerts", TakeAlerts).RequireOperator(new PipelineTarget.Fixed(AirQualityPipeline.Name));
        return routes;
    }

    public static async Task<Results<Ok<CacheEntryView>, ProblemHttpResult>> GetCacheEntry(string key, ICache cache, CancellationToken ct) =>
        await cache.GetAsync(key, ct) is { } entry
            ? TypedResults.Ok(new CacheEntryView(entry.Key, entry.Text, entry.Fields))
            : TypedResults.Problem($"There is no cache entry '{key}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>The names of the processed objects, for GET /api/history/{name}.</summary>
    public static async Task<Ok<List<string>>> ListHistory(AirQualityLake lake, CancellationToken ct)
    {
        var names = new List<string>();
        await foreach (var item in lake.Bucket.ListAsync(AirQualityLake.ProcessedPrefix, ct))
            names.Add(item.Key[AirQualityLake.ProcessedPrefix.Length..]);
        return TypedResults.Ok(names);
    }

    /// <summary>A processed object's readings; the name is its key under processed/ (".parquet" may be left out).</summary>
    public static async Task<Results<Ok<IList<ProcessedReading>>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string name, AirQualityLake lake, CancellationToken ct)
    {
        // The catch-all route leaves escapes such as %2F in place: decode them so "..%2F.." is seen for what it is.
        var decoded = Uri.UnescapeDataString(name);
        var key = AirQualityLake.ProcessedPrefix + (decoded.EndsWith(".parquet", StringComparison.Ordinal) ? decoded : decoded + ".parquet");
        try
        {
            LakeKeys.ValidateKey(key);
            return TypedResults.Ok(await lake.ReadProcessedAsync(key, ct));
        }
        catch (InvalidLakeKeyException invalid)
        {
            return ApiProblems.Invalid("name", $"'{name}' is not a processed object's name: {invalid.Message}");
        }
        catch (LakeObjectNotFoundException)
        {
            return TypedResults.Problem($"There is no processed object '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    }

    /// <summary>
    /// Takes alerts off the queue: a change, so it is audited (when it took any). The alerts are gone from the queue
    /// by then, whether or not the caller stays to read them: the row is written regardless of the request being
    /// aborted, and a failure to write it is logged with what it would have said while the alerts still reach the
    /// caller rather than being lost.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<SensorAlert>>, ValidationProblem>> TakeAlerts(
        AlertInbox inbox, AuditTrail audit, HttpContext http, ILogger<AlertInbox> logger, CancellationToken ct, int count = 10)
    {
        if (count is < 1 or > MaxAlerts) return ApiProblems.Invalid("count", $"'count' must be between 1 and {MaxAlerts}.");
        var alerts = await inbox.TakeAsync(count, ct);
        if (alerts.Count == 0) return TypedResults.Ok(alerts);
        var actor = ApiActors.From(http);
        var details = $"took {alerts.Count} alert(s): {string.Join(", ", alerts.Select(a => a.Id))}";
        try
        {
            await audit.RecordAsync(actor, "alerts.take", AirQualityPipeline.Name, details, CancellationToken.None);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not write the audit row for {Actor}, who {Details}", actor.Name, details);
        }
        return TypedResults.Ok(alerts);
    }
}

/// <summary>A cache entry: a text, or a hash's fields.</summary>
public sealed record CacheEntryView(string Key, string? Value, IReadOnlyDictionary<string, string>? Fields);
