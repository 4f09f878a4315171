namespace Pipeline.Scheduler.Engine;

/// <summary>Settings of the engine (section "Engine" of appsettings.json).</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Hangfire workers in this host; 0 means the host runs no tasks (an API-only node).</summary>
    public int WorkerCount { get; set; } = Math.Min(Environment.ProcessorCount * 5, 20);

    /// <summary>How long a PostgreSQL-backed worker waits between queue polls when LISTEN/NOTIFY is quiet.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether PostgreSQL-backed workers also LISTEN for jobs enqueued by other hosts. Jobs enqueued in this
    /// process (every downstream task: the worker that finished its upstream enqueues it) wake its workers
    /// either way; Hangfire.PostgreSql's listening opens a connection and a task per fetch, which cost about
    /// a fifth of each job's CPU here (bench/notes.md), so it is off and other hosts' jobs wait for the poll.
    /// </summary>
    public bool LongPolling { get; set; }

    /// <summary>How often scheduled jobs (retries after backoff) are moved to their queue.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running task's log lines and progress are written to the run store.</summary>
    public TimeSpan LogFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most days one backfill may cover.</summary>
    public int MaxBackfillDays { get; set; } = 3660;

    /// <summary>Where embedded mode keeps its SQLite run store (relative to the working directory).</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>A task claimed for this long without a Hangfire job (its host died between the two) is enqueued again.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether recurring schedules are registered with Hangfire by this host.</summary>
    public bool RegisterSchedules { get; set; } = true;
}
