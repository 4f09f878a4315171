using Pipeline.Jobs.Breweries;

namespace Pipeline.Scheduler.Dashboard.Breweries;

/// <summary>What the breweries page shows: the chosen day's gold and quality report, and the other days with gold.</summary>
public sealed record BreweriesPageModel(
    DateOnly? Day,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<GoldBreweryCount> Gold,
    SilverQuality? Quality,
    bool HasChart,
    PageAlert? Alert);
