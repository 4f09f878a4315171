namespace Pipeline.Jobs;

/// <summary>What a job hands to its downstream tasks: a small text (usually JSON), kept in the run store.</summary>
public sealed record JobResult(string? Output)
{
    public static JobResult Empty { get; } = new((string?)null);
}
