-- A run store with :runs finished runs (four tasks each, so 4 × :runs task runs), for bench/run-store.sh.
-- Four in five runs are wind-etl's, spread over the :days days before today (about 180 a day: a backfill of
-- every day every two days for a year, as a team re-running its history would make); the rest are hello's,
-- one a day since its first partition, re-run as often as needed. One run in twenty fails (its first task
-- fails, the rest are upstream-failed), one in ninety-seven is cancelled before it ran. Every task that ran
-- has an attempt and a log line. Plain set-based SQL into the real schema, so that seeding takes a minute.
\set wind_runs '(:runs * 4 / 5)'
\set hello_runs '(:runs - :wind_runs)'

CREATE TEMP TABLE seeded AS
SELECT gen_random_uuid() AS id, 'wind-etl'::text AS pipeline, n,
       current_date - :days + (n % :days) AS day,
       n / :days AS backfill_no,
       -- A backfill's runs share its creation time, a microsecond apart, as the engine creates them.
       now() - make_interval(hours => 2 * (:wind_runs / :days + 1 - n / :days)) + make_interval(secs => (n % :days) / 1e6) AS created,
       CASE WHEN n % 97 = 3 THEN 'Cancelled' WHEN n % 20 = 7 THEN 'Failed' ELSE 'Succeeded' END AS state
FROM generate_series(0, :wind_runs - 1) AS n
UNION ALL
SELECT gen_random_uuid(), 'hello', n,
       DATE '2023-01-01' + (n % (current_date - DATE '2023-01-01')),
       NULL,
       now() - make_interval(secs => (:hello_runs - n) * 600),
       CASE WHEN n % 97 = 3 THEN 'Cancelled' WHEN n % 20 = 7 THEN 'Failed' ELSE 'Succeeded' END
FROM generate_series(0, :hello_runs - 1) AS n;

CREATE TEMP TABLE seeded_backfills AS
SELECT gen_random_uuid() AS id, backfill_no, min(created) AS created
FROM seeded WHERE backfill_no IS NOT NULL GROUP BY backfill_no;

INSERT INTO backfills (id, pipeline, "from", "to", created_at, created_by)
SELECT id, 'wind-etl', current_date - :days, current_date - 1, created, 'bench' FROM seeded_backfills;

INSERT INTO pipeline_runs (id, pipeline, partition, parameters_json, trigger, state, backfill_id, priority, overrides_pause,
                           created_at, started_at, finished_at, version)
SELECT s.id, s.pipeline, s.day, '{}', CASE WHEN b.id IS NULL THEN 'schedule' ELSE 'backfill' END, s.state, b.id, 0, false,
       s.created, CASE WHEN s.state = 'Cancelled' THEN NULL ELSE s.created + interval '1 second' END,
       s.created + interval '9 seconds', 1
FROM seeded s LEFT JOIN seeded_backfills b USING (backfill_no);

CREATE TEMP TABLE seeded_tasks AS
SELECT gen_random_uuid() AS id, s.id AS run_id, t.name, t.upstream,
       CASE WHEN s.state = 'Succeeded' THEN 'Succeeded' WHEN s.state = 'Cancelled' THEN 'Cancelled'
            WHEN t.pos = 0 THEN 'Failed' ELSE 'UpstreamFailed' END AS state,
       s.created + make_interval(secs => 1 + 2 * t.pos) AS started
FROM seeded s
JOIN (VALUES ('wind-etl', 'extract', 0, ''), ('wind-etl', 'transform', 1, 'extract'), ('wind-etl', 'check', 1, 'extract'),
             ('wind-etl', 'load', 2, 'transform,check'),
             ('hello', 'pick_greeting', 0, ''), ('hello', 'greet_world', 1, 'pick_greeting'), ('hello', 'greet_team', 1, 'pick_greeting'),
             ('hello', 'combine', 2, 'greet_world,greet_team')) AS t(pipeline, name, pos, upstream)
  ON t.pipeline = s.pipeline;

INSERT INTO task_runs (id, run_id, task, state, attempts, attempts_before_resume, max_attempts, queue, upstream,
                       queued_at, ready_at, started_at, finished_at, error)
SELECT id, run_id, name, state, CASE WHEN state IN ('Succeeded', 'Failed') THEN 1 ELSE 0 END, 0, 3, 'default', upstream,
       CASE WHEN state IN ('Succeeded', 'Failed') THEN started - interval '200 milliseconds' END,
       CASE WHEN state IN ('Succeeded', 'Failed') THEN started - interval '200 milliseconds' END,
       CASE WHEN state IN ('Succeeded', 'Failed') THEN started END,
       CASE WHEN state IN ('Succeeded', 'Failed') THEN started + interval '1500 milliseconds' END,
       CASE WHEN state = 'Failed' THEN 'seeded failure' END
FROM seeded_tasks;

INSERT INTO task_attempts (task_run_id, number, host, queued_at, started_at, finished_at, outcome, error)
SELECT id, 1, 'bench-host', started - interval '200 milliseconds', started, started + interval '1500 milliseconds', state,
       CASE WHEN state = 'Failed' THEN 'seeded failure' END
FROM seeded_tasks WHERE state IN ('Succeeded', 'Failed');

INSERT INTO task_logs (task_run_id, attempt, timestamp, level, message)
SELECT id, 1, started + interval '1 second', CASE WHEN state = 'Failed' THEN 'Error' ELSE 'Information' END,
       CASE WHEN state = 'Failed' THEN 'seeded failure' ELSE 'wrote the day''s rows' END
FROM seeded_tasks WHERE state IN ('Succeeded', 'Failed');

-- What autovacuum would have done to a store this old (statistics, visibility map).
VACUUM ANALYZE;
