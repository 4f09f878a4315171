using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Tests.Support;

/// <summary>
/// Writes finished runs straight into a host's run store (real SQLite or PostgreSQL), for tests that read
/// history: what the pages and the API show of the past does not depend on how the past was made.
/// </summary>
public static class RunHistory
{
    /// <summary>One finished run of a day. A failed run fails its first task and leaves the rest upstream-failed.</summary>
    public sealed record Day(DateOnly Partition, RunState State, DateTime CreatedAt, int FirstTaskAttempts = 1);

    public static async Task<IReadOnlyList<Guid>> SeedAsync(IServiceProvider services, string pipelineName, IEnumerable<Day> days, CancellationToken ct)
    {
        var pipeline = services.GetRequiredService<PipelineCatalog>().Find(pipelineName)
            ?? throw new ArgumentException($"No pipeline {pipelineName}.", nameof(pipelineName));
        await using var db = await services.GetRequiredService<IDbContextFactory<RunStoreContext>>().CreateDbContextAsync(ct);
        var ids = new List<Guid>();
        foreach (var chunk in days.Chunk(500))
        {
            foreach (var day in chunk)
            {
                var run = Run(pipeline, day);
                db.Runs.Add(run);
                db.TaskAttempts.AddRange(run.Tasks.SelectMany(Attempts));
                ids.Add(run.Id);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return ids;
    }

    /// <summary>One record per attempt made: the earlier ones failed, the last ended as the task did.</summary>
    private static IEnumerable<TaskAttemptRecord> Attempts(TaskRunRecord task) =>
        Enumerable.Range(1, task.Attempts).Select(n => new TaskAttemptRecord
        {
            TaskRunId = task.Id,
            Number = n,
            Host = "seeded-host",
            QueuedAt = task.QueuedAt,
            StartedAt = task.StartedAt!.Value,
            FinishedAt = task.FinishedAt,
            Outcome = n < task.Attempts || task.State == TaskState.Failed ? AttemptOutcome.Failed : AttemptOutcome.Succeeded,
            Error = n < task.Attempts || task.State == TaskState.Failed ? "planned failure" : null,
        });

    private static PipelineRunRecord Run(PipelineDefinition pipeline, Day day)
    {
        var started = day.CreatedAt.AddSeconds(1);
        var tasks = pipeline.Tasks.Select((t, i) =>
        {
            var state = day.State switch
            {
                RunState.Succeeded => TaskState.Succeeded,
                RunState.Failed => i == 0 ? TaskState.Failed : TaskState.UpstreamFailed,
                _ => TaskState.Cancelled,
            };
            var ran = state is TaskState.Succeeded or TaskState.Failed;
            return new TaskRunRecord
            {
                Id = Guid.CreateVersion7(),
                Task = t.Name,
                State = state,
                Attempts = ran ? (i == 0 ? day.FirstTaskAttempts : 1) : 0,
                MaxAttempts = t.Retry.Attempts,
                Queue = t.Queue,
                Upstream = string.Join(',', t.Upstream),
                QueuedAt = ran ? started.AddSeconds(i) : null,
                StartedAt = ran ? started.AddSeconds(i + 0.5) : null,
                FinishedAt = ran ? started.AddSeconds(i + 1) : null,
                Error = state == TaskState.Failed ? "planned failure" : null,
            };
        }).ToList();
        return new PipelineRunRecord
        {
            Id = Guid.CreateVersion7(),
            Pipeline = pipeline.Name,
            Partition = day.Partition,
            Trigger = "test",
            State = day.State,
            CreatedAt = day.CreatedAt,
            StartedAt = started,
            FinishedAt = started.AddSeconds(pipeline.Tasks.Count + 1),
            Tasks = tasks,
        };
    }
}
