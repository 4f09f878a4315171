namespace Pipeline.Bench.Chaos;

/// <summary>What one round did and found. Everything named "lost" or "duplicated" must be 0.</summary>
public sealed record RoundResult(
    int Round,
    string Victim,
    string During,
    int LostAttempts,
    IReadOnlyList<double> SecondsToRunAgain,
    int RunsNotSucceeded,
    int RowsLost,
    int RowsDuplicated,
    int AlertsLost,
    int AlertsDuplicated,
    long CachedReadingsLost,
    double RoundSeconds);
