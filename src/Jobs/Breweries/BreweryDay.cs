namespace Pipeline.Jobs.Breweries;

internal static class BreweryDay
{
    /// <summary>The extraction day a run works on: breweries is partitioned by day.</summary>
    public static DateOnly Of(JobContext context) =>
        context.Partition?.Date ?? throw new InvalidOperationException("The breweries pipeline works on a day: the run has no partition.");
}
