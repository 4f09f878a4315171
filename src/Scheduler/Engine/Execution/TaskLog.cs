using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// The logger a job sees: each line goes to the host's log (with the run and task in scope) and is
/// kept with the attempt in the run store, written in batches so a chatty job does not slow down.
/// Progress reports ride along with the same flushes.
/// </summary>
public sealed class TaskLog(
    Guid taskRunId,
    int attempt,
    ILogger hostLogger,
    IDbContextFactory<RunStoreContext> store,
    TimeProvider clock) : ILogger, IProgress<double>
{
    private const int MaxMessageLength = 8_000;
    private const int MaxLinesPerAttempt = 10_000;
    private int _lines;
    private readonly ConcurrentQueue<TaskLogRecord> _pending = new();
    private readonly Lock _progressLock = new();
    private double? _progress;
    private double? _flushedProgress;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => hostLogger.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        hostLogger.Log(logLevel, eventId, state, exception, formatter);
        var line = Interlocked.Increment(ref _lines);
        if (line > MaxLinesPerAttempt + 1) return;
        var message = line > MaxLinesPerAttempt
            ? $"Further lines of this attempt are not kept here (at most {MaxLinesPerAttempt:N0}); the host's log has them."
            : formatter(state, exception);
        if (exception is not null && line <= MaxLinesPerAttempt) message += Environment.NewLine + exception;
        if (message.Length > MaxMessageLength) message = message[..MaxMessageLength] + " …";
        _pending.Enqueue(new TaskLogRecord
        {
            TaskRunId = taskRunId,
            Attempt = attempt,
            Timestamp = clock.GetUtcNow().UtcDateTime,
            Level = logLevel.ToString(),
            Message = message,
        });
    }

    public void Report(double value)
    {
        lock (_progressLock) _progress = Math.Clamp(value, 0, 1);
    }

    public async Task FlushAsync()
    {
        var batch = new List<TaskLogRecord>();
        while (_pending.TryDequeue(out var line)) batch.Add(line);
        double? progress;
        lock (_progressLock) progress = _progress;
        var progressChanged = progress != _flushedProgress;
        if (batch.Count == 0 && !progressChanged) return;

        try
        {
            // Not cancellable: a batch taken off the queue is written whole or put back.
            await using var db = await store.CreateDbContextAsync(CancellationToken.None);
            if (batch.Count > 0)
            {
                db.TaskLogs.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            if (progressChanged)
            {
                await db.TaskRuns.Where(t => t.Id == taskRunId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Progress, progress), CancellationToken.None);
                _flushedProgress = progress;
            }
        }
        catch (Exception ex)
        {
            // Losing the store for a moment must not fail the task; the lines wait for the next flush.
            foreach (var line in batch) _pending.Enqueue(line);
            hostLogger.LogWarning(ex, "Could not write {Count} log line(s) of task run {TaskRunId}; will try again", batch.Count, taskRunId);
        }
    }

    /// <summary>Flushes every interval until the attempt ends, so the dashboard shows lines while the task runs.</summary>
    public async Task FlushPeriodicallyAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                await FlushAsync();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
