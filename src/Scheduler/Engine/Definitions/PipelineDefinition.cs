namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>A named DAG of tasks, with its optional partitioning, schedule and run limit.</summary>
public sealed record PipelineDefinition(
    string Name,
    string Description,
    IReadOnlyList<TaskDefinition> Tasks,
    DailyPartitioning? Partitioning,
    CronSchedule? Schedule,
    int MaxConcurrentRuns)
{
    public TaskDefinition Task(string name) =>
        Tasks.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"Pipeline '{Name}' has no task '{name}'.");

    public IEnumerable<TaskDefinition> Downstream(string task) => Tasks.Where(t => t.Upstream.Contains(task));
}
