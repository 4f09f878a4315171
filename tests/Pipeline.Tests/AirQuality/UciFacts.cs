using System.Globalization;

namespace Pipeline.Tests.AirQuality;

/// <summary>
/// What the bundled CSV holds, counted here by plain string splitting (not with the pipeline's parser), so the
/// pipeline's results are checked against an independent count.
/// </summary>
public sealed class UciFacts
{
    private UciFacts(int readings, IReadOnlySet<string> hours, IReadOnlySet<string> alertIds)
    {
        Readings = readings;
        Hours = hours;
        AlertIds = alertIds;
    }

    public int Readings { get; }

    /// <summary>Distinct "yyyy-MM-ddTHH:mm" of the readings: one cache entry each.</summary>
    public IReadOnlySet<string> Hours { get; }

    /// <summary>The readings with CO above 10 or NO2 above 200.</summary>
    public IReadOnlySet<string> AlertIds { get; }

    public static UciFacts Bundled { get; } = Count(File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Jobs", "AirQuality", "Data", "AirQualityUCI.csv")));

    public static UciFacts Count(IEnumerable<string> lines)
    {
        var readings = 0;
        var hours = new HashSet<string>();
        var alerts = new HashSet<string>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(';');
            if (fields.Length < 15 || fields[0].Length == 0) continue;
            readings++;
            var date = DateTime.ParseExact(fields[0], "dd/MM/yyyy", CultureInfo.InvariantCulture);
            var id = $"{date:yyyy-MM-dd}T{fields[1].Replace('.', ':')[..5]}";
            hours.Add(id);
            var co = double.Parse(fields[2].Replace(',', '.'), CultureInfo.InvariantCulture);
            var no2 = double.Parse(fields[9].Replace(',', '.'), CultureInfo.InvariantCulture);
            if (co > 10 || no2 > 200) alerts.Add(id);
        }
        return new UciFacts(readings, hours, alerts);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }
}
