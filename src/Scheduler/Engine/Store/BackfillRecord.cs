namespace Pipeline.Scheduler.Engine.Store;

/// <summary>A request to run a pipeline for every day of a range: one run per day.</summary>
public sealed class BackfillRecord
{
    public Guid Id { get; set; }
    public required string Pipeline { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateTime CreatedAt { get; set; }
}
