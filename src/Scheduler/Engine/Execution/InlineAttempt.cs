namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>A worker's offer to run one more ready task in the Hangfire job it is in (see <see cref="EngineOptions.RunReadyTasksInline"/>).</summary>
public sealed record InlineOffer(string JobId, string Queue);

/// <summary>An attempt begun for a worker that offered to run it inline: it holds the task's token and lease like any attempt.</summary>
public sealed record InlineAttempt(Guid TaskRunId, Guid Token, string Label, AttemptStart Start);
