using System.Diagnostics;
using System.Globalization;
using Pipeline.Bench.Hosting;

namespace Pipeline.Bench.Scenarios;

/// <summary>
/// Runs one scenario in a fresh process of this bench (<c>--only</c>) and reads that process's peak RSS. The bench
/// process runs every scenario one after another, so its memory also holds what earlier scenarios loaded (their
/// code, the other storage's libraries, wind-etl's web host); a host runs one workload, and this is its figure.
/// </summary>
public static class ScenarioAlone
{
    /// <summary>Options that belong to the parent run only, with the number of values each takes.</summary>
    private static readonly Dictionary<string, int> ParentOnly = new()
    {
        ["--rss-alone"] = 0, ["--wind-only"] = 0, ["--output"] = 1, ["--host-start-ms"] = 1, ["--only"] = 1, ["--rss-file"] = 1,
    };

    public static async Task<double> PeakRssMegabytesAsync(
        BenchOptions options, BenchScenario scenario, StorageKind storage, TextWriter progress, CancellationToken ct)
    {
        var rssFile = Path.Combine(Path.GetTempPath(), $"pipeline-bench-rss-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run as `dotnet Pipeline.Bench.dll`, the process is dotnet itself and needs the bench's path first.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(typeof(ScenarioAlone).Assembly.Location);
        foreach (var argument in ChildArguments(options.Arguments, scenario, storage, rssFile))
            start.ArgumentList.Add(argument);

        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start a bench process.");
        try
        {
            var table = child.StandardOutput.ReadToEndAsync(ct);
            while (await child.StandardError.ReadLineAsync(ct) is { } line)
                progress.WriteLine(line.StartsWith("bench: ", StringComparison.Ordinal) ? $"bench: alone: {line["bench: ".Length..]}" : line);
            await table;
            await child.WaitForExitAsync(ct);
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"The bench process for {scenario} on {storage} alone exited with {child.ExitCode}.");
            return double.Parse(await File.ReadAllTextAsync(rssFile, ct), CultureInfo.InvariantCulture);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            File.Delete(rssFile);
        }
    }

    /// <summary>The parent's command line without what belongs to it alone, then the one scenario, once, on one storage.</summary>
    public static IReadOnlyList<string> ChildArguments(IReadOnlyList<string> parent, BenchScenario scenario, StorageKind storage, string rssFile)
    {
        var kept = new List<string>();
        for (var i = 0; i < parent.Count; i++)
        {
            if (ParentOnly.TryGetValue(parent[i], out var values)) i += values;
            else kept.Add(parent[i]);
        }
        // Later options win, so these override any --repeat or --storage of the parent's.
        kept.AddRange(["--only", scenario.ToString().ToLowerInvariant(),
            "--storage", storage == StorageKind.Postgres ? "postgres" : "embedded", "--repeat", "1", "--rss-file", rssFile]);
        return kept;
    }
}
