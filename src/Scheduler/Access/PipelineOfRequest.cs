using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Access;

/// <summary>Finds the pipeline a request acts on from its endpoint's <see cref="PipelineTarget"/>; null when there is none.</summary>
public sealed class PipelineOfRequest(IDbContextFactory<RunStoreContext> store)
{
    public async Task<string?> FindAsync(HttpContext http)
    {
        var target = http.GetEndpoint()?.Metadata.GetMetadata<PipelineTarget>();
        var ct = http.RequestAborted;
        return target switch
        {
            PipelineTarget.Fixed(var pipeline) => pipeline,
            PipelineTarget.FromRoute(var parameter) => http.GetRouteValue(parameter) as string,
            PipelineTarget.OfRun(var parameter) when Id(http, parameter) is { } id => await OfRunAsync(id, ct),
            PipelineTarget.OfBackfill(var parameter) when Id(http, parameter) is { } id => await OfBackfillAsync(id, ct),
            _ => null,
        };
    }

    public async Task<string?> OfRunAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.Pipeline).SingleOrDefaultAsync(ct);
    }

    public async Task<string?> OfBackfillAsync(Guid backfillId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Backfills.Where(b => b.Id == backfillId).Select(b => b.Pipeline).SingleOrDefaultAsync(ct);
    }

    private static Guid? Id(HttpContext http, string parameter) =>
        Guid.TryParse(http.GetRouteValue(parameter) as string, out var id) ? id : null;
}
