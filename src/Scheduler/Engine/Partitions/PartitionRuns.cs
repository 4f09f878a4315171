using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Partitions;

/// <summary>
/// What the run store says about each day of a pipeline, found day by day: one probe of the runs' (partition, pipeline,
/// created_at, id) index per day, so the cost follows the number of days asked for, never the number of runs they have had
/// (a grouping query reads every run of the range: 200,000 of them for three years of a busy pipeline). SQL per provider
/// because the series of days is written differently (generate_series and a lateral join; a recursive CTE and a correlated
/// subquery).
/// </summary>
public static class PartitionRuns
{
    /// <summary>The latest run of a day: the one whose state is the day's.</summary>
    public sealed class LatestRun
    {
        public DateOnly Day { get; init; }
        public required string State { get; init; }
        public Guid Id { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    /// <summary>The latest run of each day from first to last that has a run.</summary>
    public static Task<List<LatestRun>> LatestAsync(RunStoreContext db, string pipeline, DateOnly first, DateOnly last, CancellationToken ct) =>
        (db is PostgresRunStoreContext
            ? db.Database.SqlQuery<LatestRun>($"""
                SELECT d.day AS "Day", r.state AS "State", r.id AS "Id", r.created_at AS "CreatedAt"
                FROM (SELECT generate_series({first}::date, {last}::date, interval '1 day')::date AS day) AS d
                CROSS JOIN LATERAL (SELECT state, id, created_at FROM pipeline_runs
                                    WHERE partition = d.day AND pipeline = {pipeline}
                                    ORDER BY created_at DESC, id DESC LIMIT 1) AS r
                """)
            : db.Database.SqlQuery<LatestRun>($"""
                WITH RECURSIVE days(day) AS (SELECT {first} WHERE {first} <= {last} UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < {last})
                SELECT days.day AS "Day", r.state AS "State", r.id AS "Id", r.created_at AS "CreatedAt"
                FROM days JOIN pipeline_runs AS r
                  ON r.id = (SELECT id FROM pipeline_runs WHERE partition = days.day AND pipeline = {pipeline}
                             ORDER BY created_at DESC, id DESC LIMIT 1)
                """)).ToListAsync(ct);

    /// <summary>A day whose latest run is still open or failed, or that has no run (State null).</summary>
    public sealed class UnsettledDay
    {
        public DateOnly Day { get; init; }
        public string? State { get; init; }
    }

    /// <summary>
    /// The days from first to last whose latest run neither succeeded nor was cancelled, and those without a run: the only
    /// days that can count as failed or late (the overview's counts). The same probe per day as <see cref="LatestAsync"/>, but
    /// only these days come back, not a row per day of the history.
    /// </summary>
    public static Task<List<UnsettledDay>> UnsettledAsync(RunStoreContext db, string pipeline, DateOnly first, DateOnly last, CancellationToken ct)
    {
        string succeeded = nameof(RunState.Succeeded), cancelled = nameof(RunState.Cancelled); // states are stored by name
        return (db is PostgresRunStoreContext
            ? db.Database.SqlQuery<UnsettledDay>($"""
                SELECT d.day AS "Day", r.state AS "State"
                FROM (SELECT generate_series({first}::date, {last}::date, interval '1 day')::date AS day) AS d
                LEFT JOIN LATERAL (SELECT state FROM pipeline_runs
                                   WHERE partition = d.day AND pipeline = {pipeline}
                                   ORDER BY created_at DESC, id DESC LIMIT 1) AS r ON true
                WHERE r.state IS NULL OR r.state NOT IN ({succeeded}, {cancelled})
                """)
            : db.Database.SqlQuery<UnsettledDay>($"""
                WITH RECURSIVE days(day) AS (SELECT {first} WHERE {first} <= {last} UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < {last})
                SELECT days.day AS "Day", r.state AS "State"
                FROM days LEFT JOIN pipeline_runs AS r
                  ON r.id = (SELECT id FROM pipeline_runs WHERE partition = days.day AND pipeline = {pipeline}
                             ORDER BY created_at DESC, id DESC LIMIT 1)
                WHERE r.state IS NULL OR r.state NOT IN ({succeeded}, {cancelled})
                """)).ToListAsync(ct);
    }

    /// <summary>The days from first to last on which no run of the pipeline has succeeded.</summary>
    public static Task<List<DateOnly>> WithoutSuccessAsync(RunStoreContext db, string pipeline, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var succeeded = nameof(RunState.Succeeded); // states are stored by name
        return (db is PostgresRunStoreContext
            ? db.Database.SqlQuery<DateOnly>($"""
                SELECT d.day AS "Value"
                FROM (SELECT generate_series({first}::date, {last}::date, interval '1 day')::date AS day) AS d
                WHERE NOT EXISTS (SELECT 1 FROM pipeline_runs WHERE partition = d.day AND pipeline = {pipeline} AND state = {succeeded})
                """)
            : db.Database.SqlQuery<DateOnly>($"""
                WITH RECURSIVE days(day) AS (SELECT {first} WHERE {first} <= {last} UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < {last})
                SELECT day AS "Value" FROM days
                WHERE NOT EXISTS (SELECT 1 FROM pipeline_runs WHERE partition = days.day AND pipeline = {pipeline} AND state = {succeeded})
                """)).ToListAsync(ct);
    }
}
