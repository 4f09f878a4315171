-- 10,000 finished runs of wind-etl over the :days days before today (about nine a day), each with its four
-- task runs and one attempt per task that ran; one day in twenty fails at extract, and its later runs
-- are up to chance. Used by bench/dashboard.sh; plain SQL so that seeding takes seconds, not minutes.
\set runs 10000
CREATE TEMP TABLE seeded AS
SELECT gen_random_uuid() AS id,
       (current_date - :days + (n % :days)) AS day,
       now() - make_interval(secs => (:runs - n) * 60) AS created,
       CASE WHEN n % 20 = 7 THEN 'Failed' ELSE 'Succeeded' END AS state
FROM generate_series(0, :runs - 1) AS n;

INSERT INTO pipeline_runs (id, pipeline, partition, parameters_json, trigger, state, created_at, started_at, finished_at, version)
SELECT id, 'wind-etl', day, '{}', 'backfill', state, created, created + interval '1 second', created + interval '9 seconds', 1 FROM seeded;

CREATE TEMP TABLE tasks AS
SELECT gen_random_uuid() AS id, s.id AS run_id, t.name, t.pos, t.upstream,
       CASE WHEN s.state = 'Succeeded' THEN 'Succeeded' WHEN t.pos = 0 THEN 'Failed' ELSE 'UpstreamFailed' END AS state,
       s.created + make_interval(secs => 1 + 2 * t.pos) AS started
FROM seeded s
CROSS JOIN (VALUES ('extract', 0, ''), ('transform', 1, 'extract'), ('check', 1, 'extract'), ('load', 2, 'transform,check')) AS t(name, pos, upstream);

INSERT INTO task_runs (id, run_id, task, state, attempts, attempts_before_resume, max_attempts, queue, upstream, queued_at, started_at, finished_at, error)
SELECT id, run_id, name, state, CASE WHEN state = 'UpstreamFailed' THEN 0 ELSE 1 END, 0, 3, 'default', upstream,
       CASE WHEN state = 'UpstreamFailed' THEN NULL ELSE started - interval '200 milliseconds' END,
       CASE WHEN state = 'UpstreamFailed' THEN NULL ELSE started END,
       CASE WHEN state = 'UpstreamFailed' THEN NULL ELSE started + interval '1500 milliseconds' END,
       CASE WHEN state = 'Failed' THEN 'seeded failure' END
FROM tasks;

INSERT INTO task_attempts (task_run_id, number, host, queued_at, started_at, finished_at, outcome, error)
SELECT id, 1, 'bench-host', started - interval '200 milliseconds', started, started + interval '1500 milliseconds', state,
       CASE WHEN state = 'Failed' THEN 'seeded failure' END
FROM tasks WHERE state <> 'UpstreamFailed';

ANALYZE;
