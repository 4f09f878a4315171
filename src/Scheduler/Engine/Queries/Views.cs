using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Queries;

public sealed record TaskView(string Name, IReadOnlyList<string> Upstream, int MaxAttempts, double InitialRetryDelaySeconds, double MaxRetryDelaySeconds, double TimeoutSeconds, string Queue);

public sealed record EdgeView(string From, string To);

public sealed record PartitioningView(string Start, string TimeZone);

public sealed record ScheduleView(string Cron, string TimeZone, DateTimeOffset? NextRunAt);

public sealed record PipelineView(
    string Name,
    string Description,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<EdgeView> Edges,
    PartitioningView? Partitioning,
    ScheduleView? Schedule,
    int MaxConcurrentRuns,
    RunSummary? LastRun,
    int LatePartitions,
    bool Paused = false);

public sealed record RunSummary(
    Guid Id,
    string Pipeline,
    string? Partition,
    string Trigger,
    RunState State,
    Guid? BackfillId,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? DurationSeconds);

public sealed record TaskRunView(
    Guid Id,
    string Task,
    TaskState State,
    int Attempts,
    int MaxAttempts,
    string Queue,
    string? HangfireJobId,
    DateTime? QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? DurationSeconds,
    double? Progress,
    string? Error,
    string? Output,
    string? Host,
    DateTime? LeaseExpiresAt,
    IReadOnlyList<AttemptView> AttemptHistory);

/// <summary>One attempt of a task: the host that ran it, its queue wait (from ready to started), and how it ended.</summary>
public sealed record AttemptView(
    int Number,
    string Host,
    DateTime? ReadyAt,
    DateTime StartedAt,
    DateTime? FinishedAt,
    double? QueueWaitSeconds,
    double? DurationSeconds,
    AttemptOutcome Outcome,
    string? Error);

public sealed record RunDetail(RunSummary Run, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<TaskRunView> Tasks,
    IReadOnlyList<NotificationView> Notifications);

/// <summary>
/// A notification about the run to one channel, and whether it reached it. <paramref name="BatchSize"/> above one: it went in
/// a storm's summary. Failed: given up after every attempt (the error says why).
/// </summary>
public sealed record NotificationView(
    NotificationKind Kind,
    string Channel,
    NotificationState State,
    int Attempts,
    int BatchSize,
    DateTime CreatedAt,
    DateTime? DeliveredAt,
    string? Error);

public sealed record LogLineView(string Task, int Attempt, DateTime Timestamp, string Level, string Message);

/// <param name="Status">What the day looks like: its latest run's state, never run, or late.</param>
/// <param name="State">The state of the day's latest run; null when the day was never run.</param>
/// <param name="Late">Past the pipeline's freshness deadline without a successful run (a failed day too, whose Status stays Failed).</param>
public sealed record PartitionStatus(string Partition, PartitionState Status, RunState? State, Guid? LatestRunId, DateTime? LatestRunAt, bool Late);

/// <param name="PageNumber">The page asked for by number; null when it was asked for by a cursor (<c>before</c>).</param>
/// <param name="Total">How many items all pages hold, where that is cheap to know; null for runs, which are never counted whole.</param>
/// <param name="Next">The link to the next page (same filters), or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int? PageNumber, int PageSize, int? Total, string? Next = null);

/// <summary>Which runs a list holds; every part optional.</summary>
public sealed record RunFilter(string? Pipeline = null, RunState? State = null, DateOnly? Partition = null);

/// <summary>One page of runs, newest first, and whether older runs follow it.</summary>
public sealed record RunSlice(IReadOnlyList<RunSummary> Items, bool More);
