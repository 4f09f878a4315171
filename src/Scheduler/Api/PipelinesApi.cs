using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Scheduler.Api;

public sealed record TriggerRunRequest(string? Partition, Dictionary<string, string>? Parameters);

/// <summary>A run asked for; when its pipeline is paused it waits (see POST /api/runs/{id}/start).</summary>
public sealed record RunCreated(Guid RunId, bool Paused = false);

/// <param name="Only">Which days of the range: "failed", "missing" or "failed-or-missing"; left out, every day.</param>
/// <param name="MaxConcurrentRuns">The backfill's own limit on runs at once, at most the pipeline's.</param>
public sealed record BackfillRequest(string? From, string? To, string? Only = null, int? MaxConcurrentRuns = null);

public static class PipelinesApi
{
    private const int DefaultPartitionPageSize = 100;

    public static RouteGroupBuilder MapPipelinesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/pipelines").WithTags("Pipelines");
        api.MapGet("/", ListPipelines);
        api.MapGet("/{name}", GetPipeline);
        api.MapGet("/{name}/partitions", ListPartitions);
        api.MapGet("/{name}/grid", GetGrid);
        api.MapPost("/{name}/runs", TriggerRun).RequireOperator(new PipelineTarget.FromRoute());
        api.MapPost("/{name}/backfills", StartBackfill).RequireOperator(new PipelineTarget.FromRoute());
        return api;
    }

    public static async Task<Ok<IReadOnlyList<PipelineView>>> ListPipelines(PipelineQueries pipelines, CancellationToken ct) =>
        TypedResults.Ok(await pipelines.ListAsync(ct));

    public static async Task<Results<Ok<PipelineView>, ProblemHttpResult>> GetPipeline(string name, PipelineQueries pipelines, CancellationToken ct) =>
        await pipelines.GetAsync(name, ct) is { } view ? TypedResults.Ok(view) : ApiProblems.PipelineNotFound(name);

    /// <summary>
    /// Every day of the range (default: the first partition to today) with its state, never-run and late days
    /// included, newest first. With a range the whole range is one page unless <c>pageSize</c> says otherwise.
    /// </summary>
    public static async Task<Results<Ok<Page<PartitionStatus>>, ValidationProblem, ProblemHttpResult>> ListPartitions(
        string name, RunRequests requests, PartitionQueries partitions, TimeProvider clock, HttpRequest request, CancellationToken ct,
        string? from = null, string? to = null, int page = 1, int? pageSize = null)
    {
        if (page is < 1 or > RunQueries.MaxPage) return ApiProblems.Invalid("page", $"'page' must be between 1 and {RunQueries.MaxPage}.");
        if (pageSize is < 1 or > PartitionQueries.MaxDaysPerPage)
            return ApiProblems.Invalid("pageSize", $"'pageSize' must be between 1 and {PartitionQueries.MaxDaysPerPage}.");
        try
        {
            var pipeline = requests.Pipeline(name);
            if (pipeline.Partitioning is not { } partitioning)
                return ApiProblems.Invalid("name", $"Pipeline '{name}' is not partitioned.");
            var now = clock.GetUtcNow();
            var (first, last) = PartitionCalendar.Range(partitioning, now);
            if (from is not null) first = PartitionValidator.ValidateDay(pipeline, partitioning, from, now, "from");
            if (to is not null) last = PartitionValidator.ValidateDay(pipeline, partitioning, to, now, "to");
            if (last < first) return ApiProblems.Invalid("to", $"'to' ({last:yyyy-MM-dd}) is before 'from' ({first:yyyy-MM-dd}).");
            var days = last.DayNumber - first.DayNumber + 1;
            var size = pageSize ?? (from is null && to is null ? DefaultPartitionPageSize : Math.Min(days, PartitionQueries.MaxDaysPerPage));
            var found = await partitions.PageAsync(pipeline, first, last, page, size, ct);
            // Days are found by arithmetic on dates, so a page number costs the same at any depth: the link just counts on.
            var more = (long)page * size < days;
            return TypedResults.Ok(found with { Next = more ? NextLinks.To(request, "page", (page + 1).ToString(CultureInfo.InvariantCulture)) : null });
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

    /// <summary>The latest runs (oldest first) by the pipeline's tasks, each cell one task run's state.</summary>
    public static async Task<Results<Ok<RunGrid>, ValidationProblem, ProblemHttpResult>> GetGrid(
        string name, RunRequests requests, RunGridQueries grids, CancellationToken ct, int runs = 25)
    {
        if (runs is < 1 or > RunGridQueries.MaxRuns) return ApiProblems.Invalid("runs", $"'runs' must be between 1 and {RunGridQueries.MaxRuns}.");
        try
        {
            return TypedResults.Ok(await grids.GridAsync(requests.Pipeline(name), runs, ct));
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
        PipelinePauses pauses,
        HttpContext http,
        CancellationToken ct)
    {
        if (idempotencyKey is { Length: > 200 })
            return ApiProblems.Invalid("Idempotency-Key", "The Idempotency-Key header may have at most 200 characters.");
        try
        {
            var key = idempotencyKey is null ? null : $"api:{name}:{idempotencyKey}";
            var runId = await requests.TriggerAsync(name, request?.Partition, request?.Parameters, "api", key, ct, ApiActors.From(http));
            return TypedResults.Accepted($"/api/runs/{runId}", new RunCreated(runId, await pauses.IsPausedAsync(name, ct)));
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
        string name, BackfillRequest request, RunRequests requests, HttpContext http, CancellationToken ct)
    {
        try
        {
            var settings = new BackfillSettings(ApiActors.From(http), request.MaxConcurrentRuns);
            var created = await requests.BackfillAsync(name, request.From, request.To, request.Only, "backfill", settings, ct);
            return TypedResults.Accepted($"/api/backfills/{created.BackfillId}", created);
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
