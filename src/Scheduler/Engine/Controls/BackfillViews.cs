using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

public enum BackfillState
{
    /// <summary>No run has started yet.</summary>
    Queued,
    Running,
    Succeeded,
    /// <summary>Every run ended and at least one failed.</summary>
    Failed,
    Cancelled,
}

public sealed record BackfillSummary(
    Guid Id,
    string Pipeline,
    string From,
    string To,
    string? Filter,
    string? CreatedBy,
    DateTime CreatedAt,
    int? MaxConcurrentRuns,
    BackfillState State,
    int TotalRuns,
    int FinishedRuns,
    IReadOnlyDictionary<RunState, int> RunsByState);

/// <summary>A backfill with its progress: throughput is finished runs per minute since the first one started.</summary>
public sealed record BackfillDetail(
    BackfillSummary Backfill,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime? CancelledAt,
    double Progress,
    double? RunsPerMinute,
    double? EstimatedSecondsLeft,
    IReadOnlyList<AuditEntry> Audit);
