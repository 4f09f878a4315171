using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>
/// Each day of a partitioned pipeline with the state of its latest run, never-run and late days included:
/// what the partitions API, the partition calendar, the overview's counts and filtered backfills all read.
/// </summary>
public sealed class PartitionQueries(IDbContextFactory<RunStoreContext> store, IPartitionDeadlines deadlines, TimeProvider clock)
{
    /// <summary>Ten years and a leap day or three: a whole calendar in one answer.</summary>
    public const int MaxDaysPerPage = 3_660;

    /// <summary>Every day from <paramref name="first"/> to <paramref name="last"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PartitionStatus>> DaysAsync(PipelineDefinition pipeline, DateOnly first, DateOnly last, CancellationToken ct)
    {
        if (last < first) return [];
        var latest = await LatestRunsAsync(pipeline.Name, first, last, ct);
        var now = clock.GetUtcNow();
        var days = new List<PartitionStatus>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var run = latest.GetValueOrDefault(day);
            var state = run is null ? PartitionState.NeverRun : StateOf(run.State);
            var late = deadlines.IsLate(pipeline, day, state, now);
            if (late && StillWaiting(state)) state = PartitionState.Late;
            days.Add(new PartitionStatus(day.ToString(PartitionCalendar.Format), state, run?.State, run?.Id, run?.CreatedAt, late));
        }
        return days;
    }

    /// <summary>
    /// How many days from <paramref name="first"/> to <paramref name="last"/> are <see cref="PartitionState.Failed"/> and how
    /// many <see cref="PartitionState.Late"/>, as <see cref="DaysAsync"/> would show them (the overview's counts). Only the days
    /// that can be either are read back and judged: on a long history that is a few rows instead of one per day.
    /// </summary>
    public async Task<(int Failed, int Late)> CountsAsync(PipelineDefinition pipeline, DateOnly first, DateOnly last, CancellationToken ct)
    {
        if (last < first) return (0, 0);
        List<PartitionRuns.UnsettledDay> days;
        await using (var db = await store.CreateDbContextAsync(ct))
            days = await PartitionRuns.UnsettledAsync(db, pipeline.Name, first, last, ct);
        var now = clock.GetUtcNow();
        int failed = 0, late = 0;
        foreach (var day in days)
        {
            var state = day.State is null ? PartitionState.NeverRun : StateOf(Enum.Parse<RunState>(day.State));
            if (state == PartitionState.Failed) failed++;
            else if (StillWaiting(state) && deadlines.IsLate(pipeline, day.Day, state, now)) late++;
        }
        return (failed, late);
    }

    /// <summary>The days of the range as pages, newest day first (the order the API has always used).</summary>
    public async Task<Page<PartitionStatus>> PageAsync(PipelineDefinition pipeline, DateOnly first, DateOnly last, int page, int pageSize, CancellationToken ct)
    {
        var total = Math.Max(0, last.DayNumber - first.DayNumber + 1);
        if ((long)(page - 1) * pageSize >= total) return new Page<PartitionStatus>([], page, pageSize, total);
        var pageLast = last.AddDays(-(page - 1) * pageSize);
        var pageFirst = pageLast.AddDays(-(pageSize - 1));
        if (pageFirst < first) pageFirst = first;
        var days = await DaysAsync(pipeline, pageFirst, pageLast, ct);
        return new Page<PartitionStatus>(days.Reverse().ToList(), page, pageSize, total);
    }

    /// <summary>The latest run of each day that has one, day by day (see PartitionRuns).</summary>
    private async Task<Dictionary<DateOnly, LatestRun>> LatestRunsAsync(string pipeline, DateOnly first, DateOnly last, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var runs = await PartitionRuns.LatestAsync(db, pipeline, first, last, ct);
        return runs.ToDictionary(r => r.Day, r => new LatestRun(r.Day, Enum.Parse<RunState>(r.State), r.Id, r.CreatedAt));
    }

    /// <summary>Whether a day past its deadline shows as late: a failed or cancelled day already says it needs someone.</summary>
    private static bool StillWaiting(PartitionState state) => state is PartitionState.NeverRun or PartitionState.Queued or PartitionState.Running;

    private static PartitionState StateOf(RunState state) => state switch
    {
        RunState.Queued => PartitionState.Queued,
        RunState.Running => PartitionState.Running,
        RunState.Succeeded => PartitionState.Succeeded,
        RunState.Failed => PartitionState.Failed,
        RunState.Cancelled => PartitionState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "No partition state for this run state."),
    };

    private sealed record LatestRun(DateOnly Day, RunState State, Guid Id, DateTime CreatedAt);
}
