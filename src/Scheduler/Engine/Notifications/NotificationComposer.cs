using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Builds the message of a batch from what the run store holds when it is sent.</summary>
public sealed class NotificationComposer(IRunLinks links)
{
    /// <summary>How many runs a summary lists one by one; the count says how many there were.</summary>
    public const int MaxListed = 50;

    public async Task<NotificationMessage> ComposeAsync(RunStoreContext db, IReadOnlyList<NotificationRecord> batch, CancellationToken ct)
    {
        var first = batch[0];
        var runIds = batch.Select(n => n.RunId).OfType<Guid>().Distinct().Take(MaxListed).ToList();
        var tasks = (await db.TaskRuns.AsNoTracking().Where(t => runIds.Contains(t.RunId) && t.State == TaskState.Failed)
                .Select(t => new { t.RunId, t.Task, t.Error, t.FinishedAt }).ToListAsync(ct))
            .ToLookup(t => t.RunId);
        var deadlines = first.Kind == NotificationKind.PartitionLate
            ? await db.LatePartitions.AsNoTracking().Where(l => l.Pipeline == first.Pipeline).ToDictionaryAsync(l => l.Partition, l => l.Deadline, ct)
            : [];

        var items = batch.Take(MaxListed).Select(n =>
        {
            var failed = n.Task is not null
                ? tasks[n.RunId ?? Guid.Empty].Where(t => t.Task == n.Task).ToList()
                : tasks[n.RunId ?? Guid.Empty].OrderBy(t => t.FinishedAt).ToList();
            var error = failed.Select(t => t.Error).FirstOrDefault(e => !string.IsNullOrEmpty(e));
            if (n.Task is not null && failed.Count == 0) failed = [new { RunId = n.RunId ?? Guid.Empty, n.Task, Error = (string?)null, FinishedAt = (DateTime?)null }];
            if (n.Kind == NotificationKind.Recovered)
            {
                failed.Clear();
                error = null;
            }
            if (n.Kind == NotificationKind.PartitionLate && n.Partition is { } day && deadlines.TryGetValue(day, out var deadline))
                error = $"It should have succeeded by {deadline:yyyy-MM-dd HH:mm} UTC.";
            return new NotificationItem(n.RunId, n.Partition?.ToString("yyyy-MM-dd"),
                n.RunId is { } id ? links.Run(id) : links.Pipeline(n.Pipeline), failed.Select(t => t.Task).ToList(), error);
        }).ToList();

        var one = items[0];
        return new NotificationMessage(Text(first, batch.Count, items), EventName(first.Kind), first.Pipeline, one.Partition, one.RunId,
            one.RunUrl, one.FailedTasks, one.Error, batch.Count, items);
    }

    public static string EventName(NotificationKind kind) => kind switch
    {
        NotificationKind.RunFailed => "run_failed",
        NotificationKind.RetriesExhausted => "retries_exhausted",
        NotificationKind.Recovered => "recovered",
        _ => "partition_late",
    };

    /// <summary>One line in Slack's markup (links as &lt;url|label&gt;), readable as plain text too.</summary>
    private static string Text(NotificationRecord first, int count, IReadOnlyList<NotificationItem> items)
    {
        var one = items[0];
        var partition = one.Partition is null ? "" : $" for {one.Partition}";
        var cause = one.FailedTasks.Count > 0
            ? $": {string.Join(", ", one.FailedTasks)}{(one.Error is null ? "" : $" ({Shorten(one.Error)})")}"
            : one.Error is null ? "" : $": {Shorten(one.Error)}";
        var link = $"<{one.RunUrl}|{(one.RunId is { } id ? $"run {id.ToString()[..8]}" : first.Pipeline)}>";
        if (count > 1)
        {
            var days = items.Select(i => i.Partition).OfType<string>().Order(StringComparer.Ordinal).ToList();
            var range = days.Count == 0 ? "" : days.Count == 1 ? $" ({days[0]})" : $" ({days[0]} to {days[^1]})";
            return first.Kind switch
            {
                NotificationKind.RunFailed => $":x: {count} runs of {first.Pipeline} failed{range}; the first{partition}{cause}. {link}",
                NotificationKind.RetriesExhausted => $":warning: {count} tasks of {first.Pipeline} ran out of retries{range}; the first{partition}{cause}. {link}",
                NotificationKind.Recovered => $":white_check_mark: {count} runs of {first.Pipeline} recovered{range}. {link}",
                _ => $":hourglass: {count} partitions of {first.Pipeline} are late{range}. {link}",
            };
        }
        return first.Kind switch
        {
            NotificationKind.RunFailed => $":x: Run of {first.Pipeline}{partition} failed{cause}. {link}",
            NotificationKind.RetriesExhausted => $":warning: Task {first.Task} of {first.Pipeline}{partition} ran out of retries{cause}. {link}",
            NotificationKind.Recovered => $":white_check_mark: {first.Pipeline}{partition} recovered: the run succeeded after a failure. {link}",
            _ => $":hourglass: Partition {one.Partition} of {first.Pipeline} is late{cause} {link}",
        };
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..297] + "...";
    }
}
