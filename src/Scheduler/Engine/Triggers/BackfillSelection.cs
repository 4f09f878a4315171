using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>
/// Which days of a backfill's range get a run: all of them, or only those that need one (the latest run
/// failed, or there was never a run). A day still queued or running is never picked again.
/// </summary>
public enum BackfillSelection
{
    All,
    Failed,
    Missing,
    FailedOrMissing,
}

public static class BackfillSelections
{
    /// <summary>The words the API and the dashboard accept for <c>only</c>.</summary>
    public static readonly IReadOnlyDictionary<string, BackfillSelection> ByName = new Dictionary<string, BackfillSelection>(StringComparer.OrdinalIgnoreCase)
    {
        ["failed"] = BackfillSelection.Failed,
        ["missing"] = BackfillSelection.Missing,
        ["failed-or-missing"] = BackfillSelection.FailedOrMissing,
    };

    /// <summary>Null or blank means every day of the range.</summary>
    public static BackfillSelection Parse(string? only, string field = "only")
    {
        if (string.IsNullOrWhiteSpace(only)) return BackfillSelection.All;
        return ByName.TryGetValue(only.Trim(), out var selection)
            ? selection
            : throw new InvalidRequestException(field, $"'{only}' is not one of {string.Join(", ", ByName.Keys.Select(k => $"'{k}'"))}; leave it out to backfill every day.");
    }

    public static bool Includes(this BackfillSelection selection, PartitionStatus day) => selection switch
    {
        BackfillSelection.All => true,
        BackfillSelection.Failed => day.State == RunState.Failed,
        BackfillSelection.Missing => day.State is null,
        BackfillSelection.FailedOrMissing => day.State is null or RunState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, "No such backfill selection."),
    };
}
