namespace Pipeline.Jobs.Breweries;

/// <summary>
/// What silver did to bronze, countable: rows dropped and rows repaired, by reason (a row repaired for two
/// reasons counts once under each, and once in <see cref="RepairedRows"/>).
/// </summary>
public sealed record SilverQuality(
    int BronzeRows,
    int SilverRows,
    int Locations,
    IReadOnlyDictionary<string, int> Dropped,
    IReadOnlyDictionary<string, int> Repaired,
    int RepairedRows)
{
    public int DroppedRows => Dropped.Values.Sum();
}
