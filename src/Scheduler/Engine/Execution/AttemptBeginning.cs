using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Leases;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Begins an attempt inside a transaction that holds the task's run lock: by a job that claims its own task, or for a
/// worker that offered to run one more task in its job (<see cref="EngineOptions.RunReadyTasksInline"/>).
/// </summary>
public sealed class AttemptBeginning(PipelineCatalog catalog, HostIdentity host, IOptions<EngineOptions> options)
{
    /// <summary>Makes the task's next attempt this host's, running under Hangfire job <paramref name="jobId"/>, and reads what it needs.</summary>
    public AttemptStart Begin(RunStoreContext db, PipelineRunRecord run, TaskRunRecord task,
        PipelineDefinition pipeline, TaskDefinition definition, string jobId, DateTime now) =>
        Begin(a => db.TaskAttempts.Add(a), run, task, pipeline, definition, jobId, now);

    /// <summary>As above, handing the new attempt record to <paramref name="addAttempt"/> (the SQLite success path writes it by hand).</summary>
    public AttemptStart Begin(Action<TaskAttemptRecord> addAttempt, PipelineRunRecord run, TaskRunRecord task,
        PipelineDefinition pipeline, TaskDefinition definition, string jobId, DateTime now)
    {
        task.State = TaskState.Running;
        task.Attempts++;
        task.HangfireJobId = jobId;
        task.StartedAt ??= now;
        task.LeaseOwner = host.Name;
        task.LeaseExpiresAt = now + options.Value.LeaseLength;
        addAttempt(new TaskAttemptRecord
        {
            TaskRunId = task.Id,
            Number = task.Attempts,
            Host = host.Name,
            QueuedAt = task.ReadyAt ?? task.QueuedAt,
            StartedAt = now,
            Outcome = AttemptOutcome.Running,
        });

        var upstream = task.UpstreamTasks;
        var outputs = run.Tasks.Where(t => upstream.Contains(t.Task)).ToDictionary(t => t.Task, t => t.Output);
        var partition = run.Partition is { } day && pipeline.Partitioning is { } partitioning
            ? PartitionCalendar.Window(day, partitioning.TimeZone)
            : null;
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(run.ParametersJson) ?? [];
        return new AttemptStart(run.Id, pipeline, definition, partition, parameters, outputs,
            task.Attempts, task.AttemptInRound, task.MaxAttempts);
    }

    /// <summary>
    /// Begins the first task on the offering job's task queue among the tasks the job holds and <paramref name="ready"/>
    /// (tasks of <paramref name="run"/> just made ready), and takes it off the list. Unless <see cref="EngineOptions.KeepSiblingsFor"/>
    /// is zero, the job holds the other ready tasks on its queue too: they stay queued without a job, and the caller must not
    /// dispatch them.
    /// </summary>
    public InlineAttempt? TakeInline(RunStoreContext db, PipelineRunRecord run, List<TaskRunRecord> ready, InlineOffer offer, DateTime now) =>
        TakeInline(a => db.TaskAttempts.Add(a), run, ready, offer, now);

    /// <summary>As above, handing the new attempt record to <paramref name="addAttempt"/>.</summary>
    public InlineAttempt? TakeInline(Action<TaskAttemptRecord> addAttempt, PipelineRunRecord run, List<TaskRunRecord> ready, InlineOffer offer,
        DateTime now)
    {
        var pipeline = catalog.Find(run.Pipeline);
        if (pipeline is null) return null;
        var queue = TaskQueues.TaskQueueOf(offer.Queue);
        // Held tasks first: they were ready before these. One no longer queued was taken by a job of its own (see OrphanReconciler).
        var held = run.Tasks.Where(t => offer.Held.Contains(t.Id) && t is { State: TaskState.Queued, HangfireJobId: null }).ToList();
        var candidates = held.Concat(ready.Where(t => t.Queue == queue && pipeline.Tasks.Any(d => d.Name == t.Task))).ToList();
        if (candidates.Count == 0) return null;

        var task = candidates[0];
        ready.Remove(task);
        var definition = pipeline.Tasks.First(d => d.Name == task.Task);
        var start = Begin(addAttempt, run, task, pipeline, definition, offer.JobId, now);
        var keep = candidates.Skip(1).Where(t => held.Contains(t) || options.Value.KeepSiblingsFor > TimeSpan.Zero).ToList();
        ready.RemoveAll(keep.Contains);
        return new InlineAttempt(task.Id, task.JobToken!.Value, $"{run.Pipeline}.{task.Task}", start, keep.Select(t => t.Id).ToList());
    }
}
