namespace Pipeline.Scheduler.Engine.Store;

/// <summary>The SQL of a run's hand-over (see RunHandover), shared by the EF path and the embedded store's hand-written one.</summary>
public static class HandoverQueries
{
    /// <summary>
    /// The next queued run of a backfill, by the start order, when the pipeline has a free place and is not paused and the
    /// first of all its queued runs is of this backfill. Placeholders: {0} pipeline, {1} 'Queued', {2} backfill id,
    /// {3} 'Running', {4} the pipeline's limit.
    /// </summary>
    public const string NextOfBackfill = """
        SELECT r.id AS "Value" FROM pipeline_runs AS r
        WHERE r.pipeline = {0} AND r.state = {1} AND r.backfill_id = {2}
          AND NOT EXISTS (SELECT 1 FROM pipeline_states AS s WHERE s.pipeline = {0} AND s.paused)
          AND (SELECT count(*) FROM pipeline_runs AS c WHERE c.pipeline = {0} AND c.state = {3}) < {4}
          AND (SELECT h.backfill_id FROM pipeline_runs AS h WHERE h.pipeline = {0} AND h.state = {1}
               ORDER BY h.priority DESC, h.created_at, h.partition LIMIT 1) = {2}
        ORDER BY r.priority DESC, r.created_at, r.partition
        LIMIT 1
        """;
}
