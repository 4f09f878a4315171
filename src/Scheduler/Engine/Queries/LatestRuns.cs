using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>
/// The latest runs of many pipelines in one statement: for each name, one probe of the runs' (pipeline, created_at, id)
/// index that stops after <c>count</c> entries. Not ROW_NUMBER() OVER (PARTITION BY pipeline ...): both databases then number
/// every run of those pipelines before keeping ten (measured on 100,000 runs: PostgreSQL 15 sorted all of them, 397 ms
/// against 0.13 ms; SQLite 686 ms against under 1 ms). SQL per provider because a list of names and a per-name LIMIT are
/// written differently (unnest and a lateral join; json_each and a correlated IN).
/// </summary>
public static class LatestRuns
{
    /// <summary>The runs, by pipeline then newest first (created_at, then id, as the database orders them).</summary>
    public static Task<List<PipelineRunRecord>> OfAsync(RunStoreContext db, IReadOnlyCollection<string> pipelines, int count, CancellationToken ct)
    {
        var names = pipelines.Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0 || count <= 0) return Task.FromResult(new List<PipelineRunRecord>());
        var runs = db is PostgresRunStoreContext
            ? db.Runs.FromSql($"""
                SELECT r.* FROM unnest({names}::text[]) AS p(name)
                CROSS JOIN LATERAL (SELECT * FROM pipeline_runs WHERE pipeline = p.name
                                    ORDER BY created_at DESC, id DESC LIMIT {count}) AS r
                ORDER BY r.pipeline, r.created_at DESC, r.id DESC
                """)
            : db.Runs.FromSql($"""
                SELECT r.* FROM json_each({JsonSerializer.Serialize(names)}) AS p
                JOIN pipeline_runs AS r ON r.id IN (SELECT id FROM pipeline_runs WHERE pipeline = p.value
                                                    ORDER BY created_at DESC, id DESC LIMIT {count})
                ORDER BY r.pipeline, r.created_at DESC, r.id DESC
                """);
        return runs.AsNoTracking().ToListAsync(ct);
    }
}
