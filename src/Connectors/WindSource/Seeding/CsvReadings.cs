using System.Globalization;
using CsvHelper;

namespace Pipeline.Connectors.WindSource.Seeding;

/// <summary>
/// Real measurements from a CSV file with the header <c>timestamp,wind_speed,power,ambient_temperature</c>
/// (comma-separated, invariant numbers, empty for a missing value, ISO 8601 timestamps; UTC unless an
/// offset is given). A malformed line stops the import with its line number: nothing half-imported.
/// </summary>
public static class CsvReadings
{
    private static readonly string[] Columns = ["timestamp", "wind_speed", "power", "ambient_temperature"];

    public static async Task<IReadOnlyList<SourceReading>> ReadAsync(string path, CancellationToken ct)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true });
        await csv.ReadHeaderAsync(ct);
        var index = new int[Columns.Length];
        var missing = new List<string>();
        for (var c = 0; c < Columns.Length; c++)
            if (!csv.TryGetFieldIndex(Columns[c], out index[c])) missing.Add(Columns[c]);
        if (missing.Count > 0)
            throw new FormatException($"{path}: the header lacks {string.Join(", ", missing)}.");

        var byTime = new SortedDictionary<DateTime, SourceReading>();
        while (await csv.ReadAsync(ct))
        {
            var line = csv.LineNumber;
            var text = csv.GetStringOrNull(index[0]);
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
                throw new FormatException($"{path}, line {line}: '{text}' is not a timestamp.");
            var utc = timestamp.UtcDateTime;
            // A later line for the same minute wins, as a re-import of corrected data would expect.
            byTime[utc] = new SourceReading(utc, Number(csv, index, 1, path, line), Number(csv, index, 2, path, line),
                Number(csv, index, 3, path, line));
        }
        return byTime.Values.ToList();
    }

    private static double? Number(CsvReader csv, int[] index, int column, string path, long line)
    {
        var text = csv.GetStringOrNull(index[column]);
        if (string.IsNullOrEmpty(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{path}, line {line}: {Columns[column]} '{text}' is not a number.");
    }
}
