namespace Pipeline.Jobs.Breweries;

/// <summary>Settings of the breweries pipeline (section "Breweries" of appsettings.json).</summary>
public sealed class BreweriesOptions
{
    public const string Section = "Breweries";

    /// <summary>The lake bucket that holds the medallion layers.</summary>
    public string Bucket { get; set; } = "breweries";

    /// <summary>Breweries asked for per page (the API gives at most 200).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>A guard against an API that never sends its empty last page.</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>How many locations the chart shows (the largest by number of breweries).</summary>
    public int ChartLocations { get; set; } = 20;

    public int ChartWidth { get; set; } = 1200;

    public int ChartHeight { get; set; } = 800;

    /// <summary>The first extraction day the pipeline knows (backfills start no earlier).</summary>
    public DateOnly StartDate { get; set; } = new(2025, 1, 1);

    /// <summary>Attempts per task before it fails (the API client and the lake also retry each request).</summary>
    public int TaskAttempts { get; set; } = 3;

    /// <summary>The wait before a failed task's first retry (doubling after).</summary>
    public TimeSpan TaskRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
