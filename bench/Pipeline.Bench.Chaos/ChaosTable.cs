using System.Globalization;

namespace Pipeline.Bench.Chaos;

/// <summary>The table bench/chaos.sh ends with (and docs/benchmarks.md shows).</summary>
public static class ChaosTable
{
    public static string Markdown(IReadOnlyList<RoundResult> rounds)
    {
        // A round's recovery is the time until the last of its lost tasks runs again.
        var recoveries = rounds.Where(r => r.SecondsToRunAgain.Count > 0).Select(r => r.SecondsToRunAgain.Max()).Order().ToList();
        string Seconds(double? s) => s is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";
        var rows = new (string, string)[]
        {
            ("Rounds", rounds.Count.ToString(CultureInfo.InvariantCulture)),
            ("Kills (SIGKILL of a host running a task)", rounds.Count(r => r.During != "-").ToString(CultureInfo.InvariantCulture)),
            ("... during wind-etl / air-quality", $"{rounds.Count(r => r.During == "wind-etl")} / {rounds.Count(r => r.During == "air-quality")}"),
            ("Lost attempts retried", rounds.Sum(r => r.LostAttempts).ToString(CultureInfo.InvariantCulture)),
            ("Kill to lost tasks running again, median over rounds", Seconds(Median(recoveries))),
            ("Kill to lost tasks running again, longest", Seconds(recoveries.Count > 0 ? recoveries[^1] : null)),
            ("Runs not Succeeded (stranded or failed)", rounds.Sum(r => r.RunsNotSucceeded).ToString(CultureInfo.InvariantCulture)),
            ("wind-etl target rows lost / duplicated", $"{rounds.Sum(r => r.RowsLost)} / {rounds.Sum(r => r.RowsDuplicated)}"),
            ("air-quality alerts lost / duplicated", $"{rounds.Sum(r => r.AlertsLost)} / {rounds.Sum(r => r.AlertsDuplicated)}"),
            ("air-quality cached readings lost", rounds.Sum(r => r.CachedReadingsLost).ToString(CultureInfo.InvariantCulture)),
        };
        return "| Chaos | Result |\n|---|---:|\n" + string.Join("\n", rows.Select(r => $"| {r.Item1} | {r.Item2} |"));
    }

    private static double? Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
