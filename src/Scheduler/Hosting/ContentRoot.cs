namespace Pipeline.Scheduler.Hosting;

public static class ContentRoot
{
    /// <summary>
    /// `dotnet run --project src/Scheduler` keeps the caller's working directory; settings are then read
    /// from the build output, where appsettings.json is copied.
    /// </summary>
    public static string Find() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            ? Directory.GetCurrentDirectory()
            : AppContext.BaseDirectory;
}
