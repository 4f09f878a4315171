namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>One node of a pipeline's DAG: which job it runs, after which tasks, and how.</summary>
public sealed record TaskDefinition(
    string Name,
    Type JobType,
    IReadOnlyList<string> Upstream,
    RetryPolicy Retry,
    TimeSpan Timeout,
    string Queue);
