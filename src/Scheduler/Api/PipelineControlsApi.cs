using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;

namespace Pipeline.Scheduler.Api;

public sealed record ClearRequest(string? From, string? To, List<string>? Tasks, bool Downstream = true, string? Only = null);

/// <summary>What operators do to a pipeline as a whole: pause, unpause, clear tasks across its runs; and the audit trail.</summary>
public static class PipelineControlsApi
{
    public static IEndpointRouteBuilder MapPipelineControlsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/pipelines").WithTags("Pipelines");
        api.MapPost("/{name}/pause", Pause).RequireOperator(new PipelineTarget.FromRoute());
        api.MapPost("/{name}/unpause", Unpause).RequireOperator(new PipelineTarget.FromRoute());
        api.MapPost("/{name}/clear", Clear).RequireOperator(new PipelineTarget.FromRoute());
        routes.MapGet("/api/audit", ListAudit).WithTags("Audit");
        return routes;
    }

    public static Task<Results<Ok<PipelinePauses.PipelineState>, ProblemHttpResult>> Pause(
        string name, PipelinePauses pauses, HttpContext http, CancellationToken ct) =>
        SetAsync(name, () => pauses.PauseAsync(name, ApiActors.From(http), ct));

    public static Task<Results<Ok<PipelinePauses.PipelineState>, ProblemHttpResult>> Unpause(
        string name, PipelinePauses pauses, HttpContext http, CancellationToken ct) =>
        SetAsync(name, () => pauses.UnpauseAsync(name, ApiActors.From(http), ct));

    public static async Task<Results<Accepted<TaskClearing.Outcome>, ValidationProblem, ProblemHttpResult>> Clear(
        string name, ClearRequest request, TaskClearing clearing, HttpContext http, CancellationToken ct)
    {
        try
        {
            var outcome = await clearing.ClearAsync(name,
                new TaskClearing.Request(request.From, request.To, request.Tasks, request.Downstream, request.Only), ApiActors.From(http), ct);
            return TypedResults.Accepted($"/api/runs?pipeline={Uri.EscapeDataString(name)}", outcome);
        }
        catch (PipelineNotFoundException)
        {
            return ApiProblems.PipelineNotFound(name);
        }
        catch (InvalidRequestException invalid)
        {
            return ApiProblems.Invalid(invalid.Field, invalid.Message);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> ListAudit(
        AuditTrail audit, CancellationToken ct, string? pipeline = null, int limit = 100)
    {
        if (limit is < 1 or > AuditTrail.MaxEntries) return ApiProblems.Invalid("limit", $"'limit' must be between 1 and {AuditTrail.MaxEntries}.");
        return TypedResults.Ok(await audit.ListAsync(pipeline, limit, ct));
    }

    private static async Task<Results<Ok<PipelinePauses.PipelineState>, ProblemHttpResult>> SetAsync(
        string name, Func<Task<PipelinePauses.PipelineState>> change)
    {
        try
        {
            return TypedResults.Ok(await change());
        }
        catch (PipelineNotFoundException)
        {
            return ApiProblems.PipelineNotFound(name);
        }
    }
}
