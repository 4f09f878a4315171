using Pipeline.Jobs;

namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>A fluent way to write a <see cref="PipelineDefinition"/>; validation happens in the catalog.</summary>
public sealed class PipelineBuilder(string name)
{
    private readonly List<TaskDefinition> _tasks = [];
    private string _description = "";
    private DailyPartitioning? _partitioning;
    private CronSchedule? _schedule;
    private int _maxConcurrentRuns = 1;
    private RetryPolicy _defaultRetry = RetryPolicy.Default;
    private TimeSpan _defaultTimeout = TimeSpan.FromHours(1);
    private NotificationPolicy _notifications = NotificationPolicy.None;
    private TimeSpan? _freshBy;

    public PipelineBuilder Describe(string description)
    {
        _description = description;
        return this;
    }

    public PipelineBuilder PartitionedDaily(DateOnly start, string timeZoneId = "UTC")
    {
        _partitioning = new DailyPartitioning(start, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
        return this;
    }

    public PipelineBuilder Schedule(string cron, string? timeZoneId = null)
    {
        var zone = timeZoneId is null ? _partitioning?.TimeZone ?? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        _schedule = new CronSchedule(cron, zone);
        return this;
    }

    public PipelineBuilder MaxConcurrentRuns(int runs)
    {
        _maxConcurrentRuns = runs;
        return this;
    }

    public PipelineBuilder DefaultRetry(RetryPolicy policy)
    {
        _defaultRetry = policy;
        return this;
    }

    public PipelineBuilder DefaultTimeout(TimeSpan timeout)
    {
        _defaultTimeout = timeout;
        return this;
    }

    /// <summary>Tells these webhooks (named in Notifications:Webhooks) and addresses about these events.</summary>
    public PipelineBuilder Notify(NotificationEvents events, string[]? webhooks = null, string[]? emails = null)
    {
        _notifications = new NotificationPolicy(events, webhooks ?? [], emails ?? []);
        return this;
    }

    /// <summary>A day must have succeeded by this long after it ends (6 h: 06:00 the next morning), else it is late.</summary>
    public PipelineBuilder FreshBy(TimeSpan afterEndOfDay)
    {
        _freshBy = afterEndOfDay;
        return this;
    }

    public PipelineBuilder Task<TJob>(
        string taskName,
        string[]? after = null,
        RetryPolicy? retry = null,
        TimeSpan? timeout = null,
        string queue = "default")
        where TJob : IJob
    {
        _tasks.Add(new TaskDefinition(taskName, typeof(TJob), after ?? [], retry ?? _defaultRetry, timeout ?? _defaultTimeout, queue));
        return this;
    }

    public PipelineDefinition Build() =>
        new(name, _description, _tasks.ToArray(), _partitioning, _schedule, _maxConcurrentRuns)
        {
            Notifications = _notifications,
            FreshBy = _freshBy,
        };
}
