namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// One notification to one channel: the outbox. Written in the transaction that records what it is about (a run
/// failing, a partition turning late), sent afterwards by one host (see Notifications/NotificationOutbox), and kept
/// as the record of whether it was delivered, which the run page shows.
/// </summary>
public sealed class NotificationRecord
{
    public Guid Id { get; set; }
    public required string Pipeline { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>"webhook:NAME" or "email:ADDRESS".</summary>
    public required string Channel { get; set; }
    public Guid? RunId { get; set; }
    public DateOnly? Partition { get; set; }
    /// <summary>The task whose retries ran out.</summary>
    public string? Task { get; set; }
    public DateTime CreatedAt { get; set; }
    public NotificationState State { get; set; }
    /// <summary>The notifications sent together (one alone, or a storm's summary); null while held back by the storm window.</summary>
    public Guid? BatchId { get; set; }
    public DateTime? BatchedAt { get; set; }
    /// <summary>How many notifications the batch carries.</summary>
    public int BatchSize { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>While a host delivers it; after this the host is taken for dead and another one delivers.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

public enum NotificationKind
{
    RunFailed,
    RetriesExhausted,
    Recovered,
    PartitionLate,
}

public enum NotificationState
{
    Pending,
    Delivered,
    /// <summary>Given up after Notifications:MaxDeliveryAttempts.</summary>
    Failed,
}
