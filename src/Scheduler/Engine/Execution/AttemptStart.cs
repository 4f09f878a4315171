using Pipeline.Jobs;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>What a worker needs to run one attempt of a task, read when the attempt was claimed.</summary>
public sealed record AttemptStart(
    Guid RunId,
    PipelineDefinition Pipeline,
    TaskDefinition Task,
    DailyPartition? Partition,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string?> UpstreamOutputs,
    int Attempt,
    int AttemptInRound,
    int MaxAttempts);
