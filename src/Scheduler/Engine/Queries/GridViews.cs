using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>A pipeline's latest runs side by side: the tasks as rows, the runs as columns, oldest run first.</summary>
/// <param name="Tasks">The rows: the pipeline's tasks in DAG order, then any task only older runs still have.</param>
public sealed record RunGrid(string Pipeline, IReadOnlyList<string> Tasks, IReadOnlyList<GridRun> Runs);

/// <param name="Cells">The run's task runs, one per task it has; a task the run did not have has no cell.</param>
public sealed record GridRun(RunSummary Run, IReadOnlyList<GridCell> Cells);

/// <summary>One task of one run.</summary>
public sealed record GridCell(
    string Task,
    TaskState State,
    int Attempts,
    int MaxAttempts,
    DateTime? QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? DurationSeconds,
    string? Error,
    IReadOnlyList<AttemptView> AttemptHistory);
