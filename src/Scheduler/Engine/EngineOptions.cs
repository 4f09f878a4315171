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
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an attempt stays its host's without a renewal. When it lapses (the host died, froze, or lost the
    /// run store) the attempt is lost and its task retried on a live host. Shorter finds dead hosts sooner; it must
    /// stay well above the longest pause a live host can have (a stop-the-world GC, a slow store).
    /// </summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A lost attempt counts as an attempt, but a host's death is not the task's fault: a task always gets at least this
    /// many lost attempts retried, even beyond its own retry budget (a task with no retries, a data check, say, survives
    /// its host dying). A task that keeps taking its hosts down (out of memory, say) still fails after this many losses.
    /// </summary>
    public int RetriesAfterLostAttempts { get; set; } = 3;

    /// <summary>How often a host renews the leases of its running attempts, and how often hosts look for lost ones.</summary>
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// On a clean stop (SIGTERM, Ctrl+C): how long running attempts may go on finishing before the host hands them
    /// back (queues their tasks again for another host, without counting the attempt).
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the engine keeps retrying one of its own run-store operations through connection failures.</summary>
    public TimeSpan StoreRetryPeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Hangfire.PostgreSql's invisibility timeout: a job fetched by a host that died comes back to its queue after this.
    /// Lost attempts do not wait for it (the lease reaper queues a new job at once); it only bounds how long a dead
    /// host's stale jobs linger on Hangfire's Processing page. Live jobs are kept invisible by sliding renewals.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Hangfire.PostgreSql's distributed lock timeout: its locks are rows, so a lock held by a host that died stays until
    /// it is this old, and whatever it guards (a job's state changes, the recurring-job scheduler) waits that long.
    /// Hangfire.PostgreSql's default is 10 minutes; a lock is normally held for milliseconds.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether a worker that finishes a task runs one of the downstream tasks it made ready itself, in the same Hangfire job,
    /// instead of giving it a job of its own (the others, and tasks on other queues, get jobs as usual); a worker whose task
    /// ended its run likewise runs the first task of a queued run that starts in its place. The job also keeps the other
    /// tasks it made ready on its queue for up to <see cref="KeepSiblingsFor"/>, and runs them after its task when that ends
    /// in time. The attempt holds
    /// its token and lease like any other, so a host's death, a retry and a cancellation end it the same way; what it saves
    /// is a Hangfire job's storage round trips and a claim, about half of a task's cost on PostgreSQL (bench/notes.md).
    /// </summary>
    public bool RunReadyTasksInline { get; set; } = true;

    /// <summary>
    /// How long a job running a task inline keeps that task's ready siblings (see <see cref="RunReadyTasksInline"/>) before
    /// giving them Hangfire jobs of their own. Short tasks then run one after another in one job, which saves a job each
    /// (most of a short task's cost on PostgreSQL); a long task lets its siblings go to other workers after this wait.
    /// Zero: siblings always get jobs at once.
    /// </summary>
    public TimeSpan KeepSiblingsFor { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long one Hangfire job may go on with inline work (see <see cref="RunReadyTasksInline"/>): after that, the tasks its
    /// last one made ready get jobs of their own and the worker takes the next job from the queue, so that a chain of short
    /// tasks never keeps other pipelines' work waiting for longer than this.
    /// </summary>
    public TimeSpan InlineBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether recurring schedules are registered with Hangfire by this host.</summary>
    public bool RegisterSchedules { get; set; } = true;
}
