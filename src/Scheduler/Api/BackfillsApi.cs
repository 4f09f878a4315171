using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Api;

/// <summary>Backfills as objects: list, progress, cancel, retry the failed runs.</summary>
public static class BackfillsApi
{
    public static RouteGroupBuilder MapBackfillsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/backfills").WithTags("Backfills");
        api.MapGet("/", ListBackfills);
        api.MapGet("/{id:guid}", GetBackfill);
        api.MapPost("/{id:guid}/cancel", CancelBackfill).RequireOperator(new PipelineTarget.OfBackfill());
        api.MapPost("/{id:guid}/retry-failed", RetryFailed).RequireOperator(new PipelineTarget.OfBackfill());
        return api;
    }

    public static async Task<Results<Ok<Page<BackfillSummary>>, ValidationProblem>> ListBackfills(
        BackfillQueries backfills, CancellationToken ct, string? pipeline = null, int page = 1, int pageSize = 50)
    {
        if (page is < 1 or > RunQueries.MaxPage) return ApiProblems.Invalid("page", $"'page' must be between 1 and {RunQueries.MaxPage}.");
        if (pageSize is < 1 or > RunQueries.MaxPageSize) return ApiProblems.Invalid("pageSize", $"'pageSize' must be between 1 and {RunQueries.MaxPageSize}.");
        return TypedResults.Ok(await backfills.ListAsync(pipeline, page, pageSize, ct));
    }

    public static async Task<Results<Ok<BackfillDetail>, ProblemHttpResult>> GetBackfill(Guid id, BackfillQueries backfills, CancellationToken ct) =>
        await backfills.GetAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : ApiProblems.BackfillNotFound(id);

    public static async Task<Results<Accepted<BackfillControl.CancelOutcome>, ProblemHttpResult>> CancelBackfill(
        Guid id, BackfillControl control, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await control.CancelAsync(id, ApiActors.From(http), ct) is { } outcome
                ? TypedResults.Accepted($"/api/backfills/{id}", outcome)
                : ApiProblems.BackfillNotFound(id);
        }
        catch (RunConflictException conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }
    }

    public static async Task<Results<Accepted<BackfillControl.RetryOutcome>, ProblemHttpResult>> RetryFailed(
        Guid id, BackfillControl control, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await control.RetryFailedAsync(id, ApiActors.From(http), ct) is { } outcome
                ? TypedResults.Accepted($"/api/backfills/{id}", outcome)
                : ApiProblems.BackfillNotFound(id);
        }
        catch (RunConflictException conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }
    }
}
