using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.HostControl;

namespace Pipeline.Bench.Chaos;

/// <summary>
/// One round: a wind-etl backfill and an air-quality run start on the three hosts; at a random moment a random host
/// that is running a task is killed (SIGKILL) and started again; when every run has ended, the outputs are compared
/// with the clean round's and the time from the kill to each lost task running again is read from its attempts.
/// </summary>
public sealed class ChaosRound(ChaosStack stack, Random random, int days, CleanOutputs? clean)
{
    public async Task<(RoundResult Result, CleanOutputs Outputs)> RunAsync(int round, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await stack.ClearOutputsAsync(ct);
        var lastDay = DateOnly.Parse(ChaosStack.FirstDay).AddDays(days - 1).ToString("yyyy-MM-dd");
        var backfill = await PostAsync(Host(random.Next(3)), "/api/pipelines/wind-etl/backfills", new { from = ChaosStack.FirstDay, to = lastDay }, "backfillId", ct);
        var airRun = await PostAsync(Host(random.Next(3)), "/api/pipelines/air-quality/runs", new { }, "runId", ct);

        var kill = clean is null ? null : await KillSomeoneAsync(ct);
        var store = stack.Store;
        await WaitAsync(async () => await store.CountAsync(
            $"SELECT count(*) FROM pipeline_runs WHERE (backfill_id = '{backfill}' OR id = '{airRun}') AND state IN ('Succeeded', 'Failed', 'Cancelled')", ct) == days + 1,
            TimeSpan.FromMinutes(10), "every run of the round to end", ct);

        var notSucceeded = (int)await store.CountAsync(
            $"SELECT count(*) FROM pipeline_runs WHERE (backfill_id = '{backfill}' OR id = '{airRun}') AND state <> 'Succeeded'", ct);
        var rows = await stack.TargetRowsAsync(ct);
        var alerts = await TakeAlertsAsync(ct);
        var cached = stack.CachedReadings();
        var outputs = new CleanOutputs(rows, alerts.ToHashSet(), cached);

        var lost = 0;
        var seconds = new List<double>();
        if (kill is { } k)
        {
            var recovered = await RecoveryAsync(store, k.Victim, k.KilledAt, ct);
            lost = recovered.Count;
            seconds.AddRange(recovered);
        }
        if (clock.Elapsed > TimeSpan.FromSeconds(60))
        {
            // A slow round: say where its time went, from the attempts of its last run to end.
            var lines = await store.LinesAsync(
                "SELECT r.pipeline || ' ' || coalesce(r.partition::text, '') || ' ' || t.task || ' #' || a.number || ' ' || a.outcome || ' on ' || a.host || " +
                "' ready ' || coalesce(to_char(a.queued_at, 'HH24:MI:SS'), '?') || ' start ' || to_char(a.started_at, 'HH24:MI:SS') || " +
                "' end ' || coalesce(to_char(a.finished_at, 'HH24:MI:SS'), '-') || coalesce(' ' || a.error, '') " +
                "FROM task_attempts a JOIN task_runs t ON t.id = a.task_run_id JOIN pipeline_runs r ON r.id = t.run_id " +
                $"WHERE r.id = (SELECT id FROM pipeline_runs WHERE backfill_id = '{backfill}' OR id = '{airRun}' ORDER BY finished_at DESC LIMIT 1) " +
                "ORDER BY a.started_at", ct);
            Console.Error.WriteLine($"round {round} took {clock.Elapsed.TotalSeconds:0} s; its last run's attempts (kill at {kill?.KilledAt:HH:mm:ss}):");
            foreach (var line in lines) Console.Error.WriteLine("  " + line);
        }
        var reference = clean ?? outputs;
        var result = new RoundResult(round, kill?.Victim ?? (clean is null ? "none (clean round)" : "none (every run had ended before a moment came)"), kill?.During ?? "-", lost, seconds, notSucceeded,
            RowsLost: Missing(reference.TargetRows, rows), RowsDuplicated: Missing(rows, reference.TargetRows),
            AlertsLost: reference.AlertIds.Except(alerts).Count(), AlertsDuplicated: alerts.Count - alerts.Distinct().Count(),
            CachedReadingsLost: Math.Max(0, reference.CachedReadings - cached), clock.Elapsed.TotalSeconds);
        return (result, outputs);
    }

    /// <summary>Picks wind-etl or air-quality, waits for a host to be running one of its tasks at a random point, freezes it, and kills it.</summary>
    private async Task<(string Victim, string During, DateTime KilledAt, int Index)?> KillSomeoneAsync(CancellationToken ct)
    {
        var store = stack.Store;
        var pipeline = random.Next(2) == 0 ? "wind-etl" : "air-quality";
        // At most half the days: a backfill's runs run side by side and end close together, so a moment with more runs
        // done could come and go between two looks (a round once waited 5 minutes for one after the backfill had ended).
        var afterRuns = pipeline == "wind-etl" ? random.Next(0, Math.Max(1, days / 2)) : 0;
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < until)
        {
            var holders = await store.RunningHostsAsync(pipeline, ct);
            var succeeded = pipeline == "wind-etl" ? await store.RunsAsync(pipeline, "Succeeded", ct) : 0;
            var index = holders.Count == 0 || succeeded < afterRuns ? -1 : IndexOf(holders[random.Next(holders.Count)]);
            if (index >= 0)
            {
                var victim = Host(index);
                victim.Freeze();
                if (await store.RunningOnAsync(victim.HostNamePart, ct) > 0)
                {
                    var name = holders.First(h => h.Contains(victim.HostNamePart));
                    var killedAt = DateTime.UtcNow;
                    await victim.KillAsync(ct);
                    await victim.DisposeAsync();
                    await stack.RestartAsync(index, ct);
                    return (name, pipeline, killedAt, index);
                }
                victim.Thaw();
            }
            // air-quality is one short run: when it is over before a moment came, strike wind-etl instead.
            if (pipeline == "air-quality" && await store.RunsAsync("air-quality", "Running", ct) == 0) pipeline = "wind-etl";
            // Nothing left to strike: the round is counted, without a kill, rather than waited out.
            if (pipeline == "wind-etl" && await store.RunsAsync("wind-etl", "Running", ct) == 0 && await store.RunsAsync("wind-etl", "Queued", ct) == 0)
                return null;
            await Task.Delay(20, ct);
        }
        throw new TimeoutException("No host was running a task for 5 minutes.");
    }

    /// <summary>For each attempt lost with the victim: seconds from the kill until the task's next attempt started.</summary>
    private static async Task<List<double>> RecoveryAsync(RunStoreProbe store, string victim, DateTime killedAt, CancellationToken ct)
    {
        var lostCount = await store.CountAsync($"SELECT count(*) FROM task_attempts WHERE outcome = 'Lost' AND host = '{victim}'", ct);
        var seconds = new List<double>();
        for (var i = 0; i < lostCount; i++)
        {
            var ms = await store.CountAsync(
                "SELECT (extract(epoch FROM (n.started_at - " + $"'{killedAt:yyyy-MM-dd HH:mm:ss.ffffff}Z'::timestamptz)) * 1000)::bigint " +
                "FROM task_attempts l JOIN task_attempts n ON n.task_run_id = l.task_run_id AND n.number = l.number + 1 " +
                $"WHERE l.outcome = 'Lost' AND l.host = '{victim}' ORDER BY l.task_run_id OFFSET {i} LIMIT 1", ct);
            seconds.Add(ms / 1000.0);
        }
        return seconds;
    }

    private async Task<List<string>> TakeAlertsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        while (true)
        {
            var batch = await Host(0).Http.GetFromJsonAsync<List<JsonElement>>("/api/alerts?count=1000", ct) ?? [];
            if (batch.Count == 0) return ids;
            ids.AddRange(batch.Select(a => a.GetProperty("id").GetString()!));
        }
    }

    private static int Missing(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var have = actual.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var missing = 0;
        foreach (var row in expected)
            if (have.TryGetValue(row, out var n) && n > 0) have[row] = n - 1;
            else missing++;
        return missing;
    }

    private SchedulerProcess Host(int i) => stack.Hosts[i]!;

    private int IndexOf(string hostName) => Array.FindIndex(stack.Hosts, h => h is not null && hostName.Contains(h.HostNamePart));

    private static async Task<string> PostAsync(SchedulerProcess host, string path, object body, string idField, CancellationToken ct)
    {
        using var response = await host.Http.PostAsJsonAsync(path, body, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty(idField).GetString()!;
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan deadline, string what, CancellationToken ct)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Gave up waiting for {what}.");
            await Task.Delay(200, ct);
        }
    }
}
