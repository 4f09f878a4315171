using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Api;

public sealed record TriggerRunRequest(string? Partition, Dictionary<string, string>? Parameters);

public sealed record RunCreated(Guid RunId);

public sealed record BackfillRequest(string? From, string? To);

public static class PipelinesApi
{
    public static RouteGroupBuilder MapPipelinesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/pipelines").WithTags("Pipelines");
        api.MapGet("/", ListPipelines);
        api.MapGet("/{name}", GetPipeline);
        api.MapGet("/{name}/partitions", ListPartitions);
        api.MapPost("/{name}/runs", TriggerRun).RequireLocalOrCredentials();
        api.MapPost("/{name}/backfills", StartBackfill).RequireLocalOrCredentials();
        return api;
    }

    public static async Task<Ok<IReadOnlyList<PipelineView>>> ListPipelines(PipelineQueries pipelines, CancellationToken ct) =>
        TypedResults.Ok(await pipelines.ListAsync(ct));

    public static async Task<Results<Ok<PipelineView>, ProblemHttpResult>> GetPipeline(string name, PipelineQueries pipelines, CancellationToken ct) =>
        await pipelines.GetAsync(name, ct) is { } view ? TypedResults.Ok(view) : ApiProblems.PipelineNotFound(name);

    public static async Task<Results<Ok<Page<PartitionStatus>>, ValidationProblem, ProblemHttpResult>> ListPartitions(
        string name, RunRequests requests, RunQueries runs, TimeProvider clock, CancellationToken ct, int page = 1, int pageSize = 100)
    {
        if (page is < 1 or > RunQueries.MaxPage) return ApiProblems.Invalid("page", $"'page' must be between 1 and {RunQueries.MaxPage}.");
        if (pageSize is < 1 or > RunQueries.MaxPageSize) return ApiProblems.Invalid("pageSize", $"'pageSize' must be between 1 and {RunQueries.MaxPageSize}.");
        try
        {
            var pipeline = requests.Pipeline(name);
            if (pipeline.Partitioning is not { } partitioning)
                return ApiProblems.Invalid("name", $"Pipeline '{name}' is not partitioned.");
            var (first, last) = PartitionCalendar.Range(partitioning, clock.GetUtcNow());
            return TypedResults.Ok(await runs.PartitionsAsync(name, first, last, page, pageSize, ct));
        }
        catch (PipelineNotFoundException)
        {
            return ApiProblems.PipelineNotFound(name);
        }
    }

    public static async Task<Results<Accepted<RunCreated>, ValidationProblem, ProblemHttpResult>> TriggerRun(
        string name,
        [FromBody] TriggerRunRequest? request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        RunRequests requests,
        CancellationToken ct)
    {
        if (idempotencyKey is { Length: > 200 })
            return ApiProblems.Invalid("Idempotency-Key", "The Idempotency-Key header may have at most 200 characters.");
        try
        {
            var key = idempotencyKey is null ? null : $"api:{name}:{idempotencyKey}";
            var runId = await requests.TriggerAsync(name, request?.Partition, request?.Parameters, "api", key, ct);
            return TypedResults.Accepted($"/api/runs/{runId}", new RunCreated(runId));
        }
        catch (RunConflictException conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
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

    public static async Task<Results<Accepted<RunRequests.BackfillCreated>, ValidationProblem, ProblemHttpResult>> StartBackfill(
        string name, BackfillRequest request, RunRequests requests, CancellationToken ct)
    {
        try
        {
            var created = await requests.BackfillAsync(name, request.From, request.To, "backfill", ct);
            return TypedResults.Accepted($"/api/runs?pipeline={Uri.EscapeDataString(name)}", created);
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
}
