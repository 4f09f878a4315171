using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// Clearing tasks across runs: in the latest run of every day of a range, the chosen tasks (and, with downstream, every
/// task after them) go back to pending and run again; what is upstream of them is kept, outputs included. This is how a
/// fixed bug in a transform is replayed for a month without extracting again.
/// </summary>
public sealed class TaskClearing(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    QueuedRunStarter starter,
    IOptions<EngineOptions> options,
    TimeProvider clock)
{
    public sealed record Request(string? From, string? To, IReadOnlyList<string>? Tasks, bool Downstream, string? Only);

    /// <summary>Runs whose tasks were cleared, how many tasks, and runs left alone because they had not ended.</summary>
    public sealed record Outcome(int ClearedRuns, int ClearedTasks, int SkippedUnfinishedRuns, IReadOnlyList<Guid> RunIds);

    public static readonly IReadOnlyList<string> OnlyValues = ["failed", "all"];

    public async Task<Outcome> ClearAsync(string pipelineName, Request request, Actor actor, CancellationToken ct)
    {
        var pipeline = catalog.Find(pipelineName) ?? throw new PipelineNotFoundException(pipelineName);
        var (first, last, onlyFailed, named) = Validate(pipeline, request);
        var now = clock.GetUtcNow().UtcDateTime;
        var what = $"{(onlyFailed ? "failed " : "")}{(named is null ? "tasks" : string.Join(", ", named))}{(request.Downstream ? " and downstream" : "")}";

        var outcome = await store.InTransactionAsync(async db =>
        {
            // The latest run of each day is the one that says what the day holds; earlier runs of it are history.
            var latest = (await db.Runs.AsNoTracking()
                    .Where(r => r.Pipeline == pipeline.Name && r.Partition >= first && r.Partition <= last)
                    .Select(r => new { r.Id, r.Partition, r.CreatedAt })
                    .ToListAsync(ct))
                .GroupBy(r => r.Partition).Select(g => g.MaxBy(r => r.CreatedAt)!.Id).ToList();
            if (latest.Count == 0) return new Outcome(0, 0, 0, []);
            await db.LockPipelineAsync(pipeline.Name, ct);

            // The pipeline's lock before the runs' (as QueuedRunStarter), then all the runs in one statement, then read: a task finishing meanwhile is seen, or waits for this commit.
            await db.Runs.Where(r => latest.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1), ct);
            var runs = await db.Runs.Include(r => r.Tasks).Where(r => latest.Contains(r.Id)).OrderBy(r => r.Partition).ToListAsync(ct);

            var skipped = 0;
            var clearedTasks = 0;
            var cleared = new List<Guid>();
            foreach (var run in runs)
            {
                if (!run.State.IsTerminal())
                {
                    skipped++;
                    continue;
                }
                var chosen = Choose(pipeline, run, named, onlyFailed, request.Downstream);
                if (chosen.Count == 0) continue;
                foreach (var task in chosen) Reset(task);
                run.State = RunState.Queued;
                run.FinishedAt = null;
                clearedTasks += chosen.Count;
                cleared.Add(run.Id);
                AuditTrail.Record(db, actor, "run.clear", pipeline.Name, now, runId: run.Id, backfillId: run.BackfillId,
                    details: $"Cleared {string.Join(", ", chosen.Select(t => t.Task))} (asked: {what}, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}).");
            }
            return new Outcome(cleared.Count, clearedTasks, skipped, cleared);
        }, ct);

        // Also with nothing cleared: a run's end that found the pipeline's lock held by this change left it to the holder.
        await starter.StartQueuedRunsAsync(pipeline.Name, CancellationToken.None);
        return outcome;
    }

    private (DateOnly First, DateOnly Last, bool OnlyFailed, IReadOnlyList<string>? Named) Validate(PipelineDefinition pipeline, Request request)
    {
        if (pipeline.Partitioning is not { } partitioning)
            throw new InvalidRequestException("pipeline", $"Pipeline '{pipeline.Name}' is not partitioned, so it has no range of days to clear.");
        var now = clock.GetUtcNow();
        var first = PartitionValidator.ValidateDay(pipeline, partitioning, request.From, now, "from");
        var last = PartitionValidator.ValidateDay(pipeline, partitioning, request.To, now, "to");
        if (last < first)
            throw new InvalidRequestException("to", $"'to' ({last:yyyy-MM-dd}) is before 'from' ({first:yyyy-MM-dd}).");
        var days = last.DayNumber - first.DayNumber + 1;
        if (days > options.Value.MaxBackfillDays)
            throw new InvalidRequestException("to", $"The range covers {days} days; a clear may cover at most {options.Value.MaxBackfillDays}.");

        var only = request.Only ?? "failed";
        if (!OnlyValues.Contains(only))
            throw new InvalidRequestException("only", $"'only' must be one of {string.Join(", ", OnlyValues)}, not '{only}'.");

        IReadOnlyList<string>? named = null;
        if (request.Tasks is { Count: > 0 } tasks)
        {
            var unknown = tasks.Where(t => pipeline.Tasks.All(d => d.Name != t)).ToList();
            if (unknown.Count > 0)
                throw new InvalidRequestException("tasks",
                    $"Pipeline '{pipeline.Name}' has no task {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its tasks are {string.Join(", ", pipeline.Tasks.Select(t => t.Name))}.");
            named = tasks.Distinct().ToList();
        }
        return (first, last, only == "failed", named);
    }

    /// <summary>The tasks of the run to clear, by the graph the run was created with.</summary>
    private static List<TaskRunRecord> Choose(PipelineDefinition pipeline, PipelineRunRecord run, IReadOnlyList<string>? named, bool onlyFailed, bool downstream)
    {
        var chosen = run.Tasks
            .Where(t => named is null || named.Contains(t.Task))
            .Where(t => !onlyFailed || t.State is TaskState.Failed or TaskState.UpstreamFailed or TaskState.Cancelled)
            .ToHashSet();
        if (downstream)
        {
            var added = true;
            while (added)
            {
                var below = run.Tasks.Where(t => !chosen.Contains(t) && t.UpstreamTasks.Any(u => chosen.Any(c => c.Task == u))).ToList();
                chosen.UnionWith(below);
                added = below.Count > 0;
            }
        }
        // In the pipeline's order, so that the audit trail reads the same way every time.
        var order = pipeline.Tasks.Select((t, i) => (t.Name, i)).ToDictionary(t => t.Name, t => t.i);
        return chosen.OrderBy(t => order.GetValueOrDefault(t.Task, int.MaxValue)).ThenBy(t => t.Task, StringComparer.Ordinal).ToList();
    }

    private static void Reset(TaskRunRecord task)
    {
        task.State = TaskState.Pending;
        task.AttemptsBeforeResume = task.Attempts;
        // A new token at once: no job of the earlier round can claim the task again, even before it is queued anew.
        task.JobToken = Guid.NewGuid();
        task.HangfireJobId = null;
        task.LeaseOwner = null;
        task.LeaseExpiresAt = null;
        task.Error = null;
        task.Output = null;
        task.QueuedAt = null;
        task.ReadyAt = null;
        task.StartedAt = null;
        task.FinishedAt = null;
        task.Progress = null;
    }
}
