using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Pipeline.Tests.Breweries;

/// <summary>
/// The Open Brewery DB dump (Data/breweries.csv, 11,822 breweries) and the API pages built from it in the
/// live API's shape: the same fields plus the deprecated <c>state</c> and <c>street</c>, null for empty values,
/// coordinates as numbers or as strings (the live API sends both).
/// </summary>
public static class BreweryDump
{
    public static readonly string[] Columns =
        ["id", "name", "brewery_type", "address_1", "address_2", "address_3", "city", "state_province", "postal_code", "country",
         "phone", "website_url", "longitude", "latitude"];

    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> Rows = new(Load);

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> All => Rows.Value;

    /// <summary>An independent count of the dump: breweries per (state or province, type).</summary>
    public static Dictionary<(string Location, string Type), int> CountByLocationAndType(IEnumerable<IReadOnlyDictionary<string, string>> rows) =>
        rows.GroupBy(r => (r["state_province"], r["brewery_type"])).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A row as the API sends it; the n-th row's coordinates come as strings when n is odd.</summary>
    public static JsonObject ToApiObject(IReadOnlyDictionary<string, string> row, int n)
    {
        var json = new JsonObject();
        foreach (var column in Columns)
        {
            var value = row[column];
            if (value.Length == 0) json[column] = null;
            else if (column is "longitude" or "latitude" && n % 2 == 0) json[column] = double.Parse(value, CultureInfo.InvariantCulture);
            else json[column] = value;
        }
        json["state"] = json["state_province"]?.DeepClone();
        json["street"] = json["address_1"]?.DeepClone();
        return json;
    }

    /// <summary>The objects cut into pages of the given size, each page a JSON array's text.</summary>
    public static List<string> Pages(IReadOnlyList<JsonObject> objects, int perPage) =>
        objects.Chunk(perPage).Select(page => new JsonArray(page.Select(o => (JsonNode)o.DeepClone()).ToArray()).ToJsonString()).ToList();

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Load()
    {
        using var csv = CsvReader.FromFile(Path.Combine(AppContext.BaseDirectory, "Breweries", "Data", "breweries.csv"), options: null);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
            rows.Add(Columns.ToDictionary(c => c, c => csv.GetString(c), StringComparer.Ordinal));
        return rows;
    }
}
