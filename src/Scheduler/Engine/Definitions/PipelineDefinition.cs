namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>A named DAG of tasks, with its optional partitioning, schedule, run limit, notifications and freshness.</summary>
public sealed record PipelineDefinition(
    string Name,
    string Description,
    IReadOnlyList<TaskDefinition> Tasks,
    DailyPartitioning? Partitioning,
    CronSchedule? Schedule,
    int MaxConcurrentRuns)
{
    /// <summary>Who is told about failures and recoveries; nobody unless the definition or settings say so.</summary>
    public NotificationPolicy Notifications { get; init; } = NotificationPolicy.None;

    /// <summary>
    /// A daily partition must have succeeded by this long after its day ends (in the pipeline's time zone), else it
    /// is late; null: no deadline.
    /// </summary>
    public TimeSpan? FreshBy { get; init; }

    public TaskDefinition Task(string name) =>
        Tasks.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"Pipeline '{Name}' has no task '{name}'.");

    public IEnumerable<TaskDefinition> Downstream(string task) => Tasks.Where(t => t.Upstream.Contains(task));
}
