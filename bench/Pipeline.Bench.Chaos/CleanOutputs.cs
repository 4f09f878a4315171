namespace Pipeline.Bench.Chaos;

/// <summary>What a round wrote: the clean round's is what every other round must equal.</summary>
public sealed record CleanOutputs(IReadOnlyList<string> TargetRows, IReadOnlySet<string> AlertIds, long CachedReadings);
