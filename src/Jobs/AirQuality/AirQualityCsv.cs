using System.Globalization;
using System.Text;
using CsvHelper;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// Reads the UCI Air Quality CSV with CsvHelper: ';' separators, '.' or ',' decimals, times as 18:00 or
/// 18.00.00, -200 for a missing value, empty trailing columns and empty rows. A line that is not a reading
/// (bad quoting, too few fields, a value that is not a number or a date) is set aside with its line number,
/// never fatal; only a file without the expected header is refused as a whole.
/// </summary>
public static class AirQualityCsv
{
    private const double Missing = -200;
    private static readonly string[] Columns = ["Date", "Time", "CO(GT)", "NO2(GT)", "T", "RH", "AH"];

    public static ParsedCsv Parse(Stream csv)
    {
        var readings = new List<SensorReading>();
        var malformed = new List<MalformedLine>();
        var options = new CsvReaderOptions
        {
            Separator = ';',
            HasHeader = true,
            TrackLineNumbers = true,
            // One bad quote must not swallow the lines after it.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => malformed.Add(new MalformedLine(record.LineNumber, record.RawRecord, $"malformed CSV: {record.Reason}")),
        };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        reader.ReadHeader();
        var index = new int[Columns.Length];
        var absent = Columns.Where((column, i) => !reader.TryGetFieldIndex(column, out index[i])).ToList();
        if (absent.Count > 0)
            throw new FormatException($"The CSV lacks the column(s) {string.Join(", ", absent)} (its header: {string.Join(";", reader.Headers)}).");

        while (reader.Read())
        {
            if (IsEmptyRow(reader)) continue;
            try
            {
                readings.Add(ReadingOf(reader, index));
            }
            catch (FormatException bad)
            {
                malformed.Add(new MalformedLine(reader.LineNumber, Encoding.UTF8.GetString(reader.RawRecord), bad.Message));
            }
        }
        malformed.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ParsedCsv(readings, malformed);
    }

    private static bool IsEmptyRow(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (!reader.IsEmpty(i)) return false;
        return true;
    }

    private static SensorReading ReadingOf(CsvReader reader, int[] index)
    {
        var needed = index.Max() + 1;
        if (reader.FieldCount < needed)
            throw new FormatException($"{reader.FieldCount} fields where at least {needed} are expected");
        return new SensorReading(
            DateOf(reader.GetString(index[0])),
            TimeOf(reader.GetString(index[1])),
            ValueOf(reader.GetString(index[2]), Columns[2]),
            ValueOf(reader.GetString(index[3]), Columns[3]),
            ValueOf(reader.GetString(index[4]), Columns[4]),
            ValueOf(reader.GetString(index[5]), Columns[5]),
            ValueOf(reader.GetString(index[6]), Columns[6]));
    }

    private static DateOnly DateOf(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Date '{text}' is not dd/mm/yyyy");

    /// <summary>"18:00", "18.00.00" (the UCI original) and "18:00:00" all mean the hour 18:00.</summary>
    private static string TimeOf(string text) =>
        TimeOnly.TryParseExact(text.Trim().Replace('.', ':'), ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
            : throw new FormatException($"Time '{text}' is not hh:mm or hh.mm.ss");

    /// <summary>A number with '.' or ',' as its decimal mark; -200 (and an empty field) is a missing value.</summary>
    private static double? ValueOf(string text, string column)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        if (!double.TryParse(trimmed.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new FormatException($"{column} '{text}' is not a number");
        return value == Missing ? null : value;
    }
}
