using System.Globalization;

namespace Pipeline.Jobs.Breweries;

/// <summary>
/// Where each layer keeps a day's data in the lake bucket: Hive-style <c>date=YYYY-MM-DD</c> folders, so every
/// day's snapshot is kept and a day can be replaced on its own.
/// </summary>
public static class BreweryKeys
{
    public const string GoldFolder = "gold/data/state_brewery_type/";

    public static string Bronze(DateOnly day) => $"bronze/data/breweries/{Date(day)}/breweries_raw.json";

    public static string SilverDay(DateOnly day) => $"silver/data/breweries/{Date(day)}/";

    public static string SilverPartition(DateOnly day, string location) => $"{SilverDay(day)}location={location}/breweries.parquet";

    /// <summary>What silver dropped and repaired, next to (not inside) the data so readers of the data never see it.</summary>
    public static string Quality(DateOnly day) => $"silver/quality/{Date(day)}/breweries_quality.json";

    public static string Gold(DateOnly day) => $"{GoldFolder}{Date(day)}/breweries_aggregated.parquet";

    public static string Chart(DateOnly day) => $"gold/data/visualizations/{Date(day)}/breweries_aggregated.png";

    public static string ErrorLogs(string layer, DateOnly day) => $"{layer}/logs/{Date(day)}/";

    /// <summary>The day of a key under <see cref="GoldFolder"/>, or null.</summary>
    public static DateOnly? GoldDay(string key) =>
        key.StartsWith(GoldFolder + "date=", StringComparison.Ordinal)
        && DateOnly.TryParseExact(key.AsSpan(GoldFolder.Length + 5, Math.Min(10, key.Length - GoldFolder.Length - 5)), "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>
    /// A state or province as a partition value: readable as it is, except what would break a key ('/', '\',
    /// control characters); a brewery without one goes to "unknown".
    /// </summary>
    public static string Location(string? state)
    {
        if (string.IsNullOrWhiteSpace(state)) return Unknown;
        var value = new string(state.Where(c => !char.IsControl(c)).Select(c => c is '/' or '\\' ? '-' : c).ToArray()).Trim();
        return value is "" or "." or ".." ? Unknown : value;
    }

    public const string Unknown = "unknown";

    private static string Date(DateOnly day) => "date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
