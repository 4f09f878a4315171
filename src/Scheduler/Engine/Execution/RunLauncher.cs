using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>Creates runs (queued, with every task pending) and asks for them to start.</summary>
public sealed class RunLauncher(
    IDbContextFactory<RunStoreContext> store,
    QueuedRunStarter starter,
    TimeProvider clock)
{
    /// <param name="By">Who asked, for the audit trail; null for runs nobody asked for by hand (schedules, a backfill's days).</param>
    public sealed record NewRun(DateOnly? Partition, IReadOnlyDictionary<string, string> Parameters, Actor? By = null);

    /// <summary>Creates one run; with an idempotency key already used, returns that run instead.</summary>
    public async Task<Guid> LaunchAsync(PipelineDefinition pipeline, NewRun request, string trigger, string? idempotencyKey, CancellationToken ct)
    {
        var key = idempotencyKey is null ? null : IdempotencyKeys.Hash(idempotencyKey);
        var runId = key is null ? null : await FindByKeyAsync(key, request, ct);
        if (runId is null)
        {
            try
            {
                runId = (await CreateAsync(pipeline, [request], trigger, null, key, ct))[0];
            }
            catch (DbUpdateException) when (key is not null)
            {
                // Another host created it a moment ago with the same key; anything else is a real failure.
                runId = await FindByKeyAsync(key, request, ct);
                if (runId is null) throw;
            }
        }

        // Also after a repeated key: the first request may have stopped between creating and starting.
        await starter.StartQueuedRunsAsync(pipeline.Name, CancellationToken.None);
        return runId.Value;
    }

    /// <summary>Creates one run per request in one transaction; the pipeline's limit decides how many start now.</summary>
    public async Task<IReadOnlyList<Guid>> LaunchManyAsync(PipelineDefinition pipeline, IReadOnlyList<NewRun> requests, string trigger, Guid? backfillId, CancellationToken ct)
    {
        // Set-based, not tracked: a 10,000-run backfill is 50,000 rows (see UntrackedInsert). The records are made a
        // chunk at a time, so that only one chunk's rows and statement parameters are alive at once: made all at once,
        // they were the host's peak memory during a large backfill (bench/notes.md).
        var now = clock.GetUtcNow().UtcDateTime;
        var runIds = new List<Guid>(requests.Count);
        await store.InTransactionAsync(async db =>
        {
            runIds.Clear(); // the execution strategy may run this again
            for (var first = 0; first < requests.Count; first += RunsPerInsert)
            {
                var chunk = requests.Skip(first).Take(RunsPerInsert).ToList();
                var runs = Records(pipeline, chunk, trigger, backfillId, null, now, first);
                await UntrackedInsert.InsertAsync(db, runs, ct);
                await UntrackedInsert.InsertAsync(db, runs.SelectMany(r => r.Tasks).ToList(), ct);
                runIds.AddRange(runs.Select(r => r.Id));
            }
            return runIds.Count;
        }, ct);
        await starter.StartQueuedRunsAsync(pipeline.Name, CancellationToken.None);
        return runIds;
    }

    /// <summary>Runs made and inserted together by <see cref="LaunchManyAsync"/>: one multi-row statement's worth of runs.</summary>
    private const int RunsPerInsert = 1_000;

    private async Task<IReadOnlyList<Guid>> CreateAsync(
        PipelineDefinition pipeline, IReadOnlyList<NewRun> requests, string trigger, Guid? backfillId, string? idempotencyKey, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var runs = NewRecords(pipeline, requests, trigger, backfillId, idempotencyKey);
        db.Runs.AddRange(runs);
        foreach (var (request, run) in requests.Zip(runs))
            if (request.By is { } by) RunAudit.RecordTrigger(db, by, run);
        await db.SaveChangesAsync(ct);
        return runs.Select(r => r.Id).ToList();
    }

    /// <summary>The records of new runs, queued with every task pending, not yet added to any context.</summary>
    public List<PipelineRunRecord> NewRecords(
        PipelineDefinition pipeline, IReadOnlyList<NewRun> requests, string trigger, Guid? backfillId, string? idempotencyKey) =>
        Records(pipeline, requests, trigger, backfillId, idempotencyKey, clock.GetUtcNow().UtcDateTime, 0);

    /// <param name="firstIndex">The first request's place among all the requests made at <paramref name="now"/>.</param>
    private static List<PipelineRunRecord> Records(PipelineDefinition pipeline, IReadOnlyList<NewRun> requests, string trigger,
        Guid? backfillId, string? idempotencyKey, DateTime now, int firstIndex)
    {
        var runs = new List<PipelineRunRecord>(requests.Count);
        foreach (var (request, index) in requests.Select((r, i) => (r, firstIndex + i)))
        {
            var runId = Guid.CreateVersion7();
            runs.Add(new PipelineRunRecord
            {
                Id = runId,
                Pipeline = pipeline.Name,
                Partition = request.Partition,
                ParametersJson = JsonSerializer.Serialize(request.Parameters),
                Trigger = trigger,
                State = RunState.Queued,
                BackfillId = backfillId,
                Priority = RunPriority.For(trigger, backfillId),
                IdempotencyKey = idempotencyKey,
                // Spaces a backfill's runs so they start in order of their days (PostgreSQL keeps microseconds).
                CreatedAt = now.AddMicroseconds(index),
                Tasks = pipeline.Tasks.Select(t => new TaskRunRecord
                {
                    Id = Guid.CreateVersion7(),
                    RunId = runId,
                    Task = t.Name,
                    State = TaskState.Pending,
                    MaxAttempts = t.Retry.Attempts,
                    Queue = t.Queue,
                    Upstream = string.Join(',', t.Upstream),
                }).ToList(),
            });
        }
        return runs;
    }

    /// <summary>The run made earlier with this key; a conflict when that run was asked for with other values.</summary>
    private async Task<Guid?> FindByKeyAsync(string key, NewRun request, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Where(r => r.IdempotencyKey == key)
            .Select(r => new { r.Id, r.Partition, r.ParametersJson }).SingleOrDefaultAsync(ct);
        if (run is null) return null;

        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(run.ParametersJson) ?? [];
        var same = run.Partition == request.Partition
                   && parameters.Count == request.Parameters.Count
                   && request.Parameters.All(p => parameters.TryGetValue(p.Key, out var v) && v == p.Value);
        if (!same)
            throw new RunConflictException(
                $"This idempotency key was already used for run {run.Id} with a different partition or parameters.");
        return run.Id;
    }
}
