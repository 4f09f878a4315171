using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Pipeline.HostControl;

namespace Pipeline.Bench.Chaos;

/// <summary>
/// `bench/chaos.sh --embedded`: embedded mode (Hangfire in memory, SQLite) has one host, so a kill is followed by a
/// restart on the same data folder. Each round kills the host during a hello backfill while it runs a task, starts it
/// again, and measures from the restart's launch until every lost task runs again; every run must still succeed.
/// </summary>
public static class EmbeddedRestarts
{
    private const int Days = 24;

    public static async Task<int> RunAsync(ChaosOptions options, Random random, CancellationToken ct)
    {
        var seconds = new List<double>();
        var afterReady = new List<double>();
        var failures = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var data = Directory.CreateTempSubdirectory("pipeline-chaos-embedded-").FullName;
            try
            {
                var settings = new Dictionary<string, string?>
                {
                    ["Engine:DataDirectory"] = data,
                    ["Engine:RegisterSchedules"] = "false",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:Pipeline.Tasks"] = "None",
                };
                var store = RunStoreProbe.Sqlite(Path.Combine(data, "pipeline.db"));
                var victim = await SchedulerProcess.StartAsync(settings, ct);
                using (var response = await victim.Http.PostAsJsonAsync("/api/pipelines/hello/backfills", new { from = "2024-01-01", to = "2024-01-24" }, ct))
                    response.EnsureSuccessStatusCode();
                var afterRuns = random.Next(0, Days / 2);
                while (true)
                {
                    if (await store.RunsAsync("hello", "Succeeded", ct) >= afterRuns && await store.RunningOnAsync(victim.HostNamePart, ct) > 0)
                    {
                        // Frozen and looked at, so that it certainly dies holding an attempt.
                        victim.Freeze();
                        if (await store.RunningOnAsync(victim.HostNamePart, ct) > 0) break;
                        victim.Thaw();
                    }
                    await Task.Delay(10, ct);
                }
                await victim.KillAsync(ct);
                await victim.DisposeAsync();

                var launchedAt = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                await using var restarted = await SchedulerProcess.StartAsync(settings, ct);
                var started = clock.Elapsed.TotalSeconds;
                while (await store.CountAsync("SELECT count(*) FROM pipeline_runs WHERE pipeline = 'hello' AND state IN ('Succeeded', 'Failed', 'Cancelled')", ct) < Days)
                    await Task.Delay(100, ct);
                var lostRanAgain = await store.LinesAsync(
                    "SELECT n.started_at FROM task_attempts l JOIN task_attempts n ON n.task_run_id = l.task_run_id AND n.number = l.number + 1 WHERE l.outcome = 'Lost'", ct);
                var latest = lostRanAgain.Select(t => DateTime.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).Max();
                var recovery = (latest - launchedAt).TotalSeconds;
                var succeeded = await store.RunsAsync("hello", "Succeeded", ct);
                if (succeeded != Days) failures++;
                seconds.Add(recovery);
                afterReady.Add(Math.Max(0, recovery - started));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"embedded round {round}: {lostRanAgain.Count} lost attempt(s); host answering {started:0.0} s after launch; lost tasks running again {recovery:0.0} s after launch; {succeeded}/{Days} runs succeeded"));
            }
            finally
            {
                try { Directory.Delete(data, recursive: true); }
                catch (IOException) { /* the OS cleans temp */ }
            }
        }
        seconds.Sort();
        afterReady.Sort();
        Console.WriteLine();
        Console.WriteLine("| Embedded restarts | Result |\n|---|---:|");
        Console.WriteLine($"| Rounds (kill during a hello backfill, restart) | {seconds.Count} |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Restart launch to lost tasks running again, median | {seconds[seconds.Count / 2]:0.0} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Restart launch to lost tasks running again, longest | {seconds[^1]:0.0} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Host answering to lost tasks running again, median (0: already before) | {afterReady[afterReady.Count / 2]:0.0} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Host answering to lost tasks running again, longest | {afterReady[^1]:0.0} s |"));
        Console.WriteLine($"| Runs not Succeeded | {failures} |");
        return failures == 0 ? 0 : 1;
    }
}
