namespace Pipeline.Tests.Support;

/// <summary>Recorded real API responses copied into tests/Pipeline.Tests/Data (see each SOURCE.md there).</summary>
public static class RecordedData
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));
}
