using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Api;

public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/runs").WithTags("Runs");
        api.MapGet("/", ListRuns);
        api.MapGet("/{id:guid}", GetRun);
        api.MapGet("/{id:guid}/logs", GetLogs);
        api.MapPost("/{id:guid}/cancel", CancelRun).RequireOperator(new PipelineTarget.OfRun());
        api.MapPost("/{id:guid}/resume", ResumeRun).RequireOperator(new PipelineTarget.OfRun());
        api.MapPost("/{id:guid}/start", StartRun).RequireOperator(new PipelineTarget.OfRun());
        api.MapGet("/{id:guid}/audit", GetAudit);
        return api;
    }

    /// <summary>
    /// Runs, newest first. Page on with <c>next</c>: it carries <c>before</c> (the last run of this page), which costs the same
    /// however far down the history it is; <c>page</c> still works but reads every run above the page it returns.
    /// </summary>
    public static async Task<Results<Ok<Page<RunSummary>>, ValidationProblem>> ListRuns(
        RunQueries runs, HttpRequest request, CancellationToken ct,
        string? pipeline = null, string? state = null, string? partition = null, int? page = null, int pageSize = 50, string? before = null)
    {
        RunState? stateFilter = null;
        if (state is not null)
        {
            if (!Enum.TryParse<RunState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return ApiProblems.Invalid("state", $"'{state}' is not a run state; use one of {string.Join(", ", Enum.GetNames<RunState>())}.");
            stateFilter = parsed;
        }
        DateOnly? partitionFilter = null;
        if (partition is not null)
        {
            if (!PartitionCalendar.TryParse(partition, out var day))
                return ApiProblems.Invalid("partition", $"'{partition}' is not a date in the form {PartitionCalendar.Format}.");
            partitionFilter = day;
        }
        if (page is < 1 or > RunQueries.MaxPage) return ApiProblems.Invalid("page", $"'page' must be between 1 and {RunQueries.MaxPage}.");
        if (pageSize is < 1 or > RunQueries.MaxPageSize) return ApiProblems.Invalid("pageSize", $"'pageSize' must be between 1 and {RunQueries.MaxPageSize}.");
        Guid? anchor = null;
        if (before is not null)
        {
            if (!Guid.TryParse(before, out var id)) return ApiProblems.Invalid("before", $"'{before}' is not a run id.");
            if (page is not null) return ApiProblems.Invalid("before", "Give 'before' or 'page', not both.");
            anchor = id;
        }

        var slice = await runs.ListAsync(new RunFilter(pipeline, stateFilter, partitionFilter), anchor, page ?? 1, pageSize, ct);
        if (slice is null) return ApiProblems.Invalid("before", $"There is no run {anchor}.");
        var next = slice.More ? NextLinks.To(request, "before", slice.Items[^1].Id.ToString()) : null;
        return TypedResults.Ok(new Page<RunSummary>(slice.Items, anchor is null ? page ?? 1 : null, pageSize, Total: null, next));
    }

    public static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetRun(Guid id, RunQueries runs, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is { } run ? TypedResults.Ok(run) : ApiProblems.RunNotFound(id);

    public static async Task<Results<Ok<IReadOnlyList<LogLineView>>, ValidationProblem, ProblemHttpResult>> GetLogs(
        Guid id, RunQueries runs, CancellationToken ct, string? task = null, int limit = 1000)
    {
        if (limit is < 1 or > 10_000) return ApiProblems.Invalid("limit", "'limit' must be between 1 and 10000.");
        if (await runs.GetAsync(id, ct) is null) return ApiProblems.RunNotFound(id);
        return TypedResults.Ok(await runs.LogsAsync(id, task, limit, ct));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> CancelRun(Guid id, RunControl control, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await control.CancelAsync(id, ApiActors.From(http), ct) ? TypedResults.Accepted($"/api/runs/{id}") : ApiProblems.RunNotFound(id);
        }
        catch (RunConflictException conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ResumeRun(Guid id, RunControl control, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await control.ResumeAsync(id, ApiActors.From(http), ct) ? TypedResults.Accepted($"/api/runs/{id}") : ApiProblems.RunNotFound(id);
        }
        catch (RunConflictException conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }
    }

    /// <summary>Starts a queued run of a paused pipeline (within the pipeline's limit on runs at once).</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> StartRun(Guid id, PipelinePauses pauses, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await pauses.StartDespitePauseAsync(id, ApiActors.From(http), ct) ? TypedResults.Accepted($"/api/runs/{id}") : ApiProblems.RunNotFound(id);
        }
        catch (RunConflictException conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }
    }

    /// <summary>Who changed the run (or its backfill as a whole), when, and how; newest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> GetAudit(Guid id, RunQueries runs, AuditTrail audit, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is null ? ApiProblems.RunNotFound(id) : TypedResults.Ok(await audit.ForRunAsync(id, ct));
}
