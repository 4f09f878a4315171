namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// A worker's offer to run one more ready task in the Hangfire job it is in (see <see cref="EngineOptions.RunReadyTasksInline"/>).
/// <paramref name="Held"/> are ready tasks this job kept for itself, without a job of their own (see
/// <see cref="EngineOptions.KeepSiblingsFor"/>).
/// </summary>
public sealed record InlineOffer(string JobId, string Queue, IReadOnlyCollection<Guid> Held);

/// <summary>
/// An attempt begun for a worker that offered to run it inline: it holds the task's token and lease like any attempt.
/// <paramref name="Held"/> are the ready tasks the job keeps for after it (see <see cref="InlineOffer"/>).
/// </summary>
public sealed record InlineAttempt(Guid TaskRunId, Guid Token, string Label, AttemptStart Start, IReadOnlyList<Guid> Held);
