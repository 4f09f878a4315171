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
        PipelineDefinition pipeline, TaskDefinition definition, string jobId, DateTime now)
    {
        task.State = TaskState.Running;
        task.Attempts++;
        task.HangfireJobId = jobId;
        task.StartedAt ??= now;
        task.LeaseOwner = host.Name;
        task.LeaseExpiresAt = now + options.Value.LeaseLength;
        db.TaskAttempts.Add(new TaskAttemptRecord
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

    /// <summary>Begins the first of <paramref name="ready"/> (tasks of <paramref name="run"/>) on the offering job's task queue, and takes it off the list.</summary>
    public InlineAttempt? TakeInline(RunStoreContext db, PipelineRunRecord run, List<TaskRunRecord> ready, InlineOffer offer, DateTime now)
    {
        var pipeline = catalog.Find(run.Pipeline);
        var queue = TaskQueues.TaskQueueOf(offer.Queue);
        foreach (var task in ready)
        {
            if (task.Queue != queue) continue;
            if (pipeline?.Tasks.FirstOrDefault(t => t.Name == task.Task) is not { } definition) continue;
            ready.Remove(task);
            var start = Begin(db, run, task, pipeline, definition, offer.JobId, now);
            return new InlineAttempt(task.Id, task.JobToken!.Value, $"{run.Pipeline}.{task.Task}", start);
        }
        return null;
    }
}
