using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Cli;

/// <summary>One line of a backfill's progress: a bar, counts by state, throughput and the time left.</summary>
public static class BackfillProgress
{
    private const int Width = 30;

    public static string Line(BackfillDetail detail)
    {
        var b = detail.Backfill;
        var filled = (int)Math.Round(detail.Progress * Width);
        var counts = string.Join(", ", b.RunsByState.Where(s => s.Value > 0).Select(s => $"{s.Value} {s.Key.ToString().ToLowerInvariant()}"));
        var rate = detail.RunsPerMinute is { } perMinute ? $"  {perMinute:0.#} runs/min" : "";
        var left = detail.EstimatedSecondsLeft is { } seconds ? $"  ~{Duration(seconds)} left" : "";
        return $"[{new string('#', filled)}{new string('-', Width - filled)}] {(int)Math.Round(detail.Progress * 100),3}%  {b.FinishedRuns}/{b.TotalRuns} runs ({counts}){rate}{left}  {b.State}";
    }

    private static string Duration(double seconds) =>
        seconds < 90 ? $"{seconds:0} s" : seconds < 5400 ? $"{seconds / 60:0} min" : $"{seconds / 3600:0.#} h";
}
