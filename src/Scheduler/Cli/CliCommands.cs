using System.CommandLine;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>The three commands; each starts the engine, does its work, and stops it.</summary>
public sealed class CliCommands(TextWriter output, TextWriter error, Func<IHost> buildHost)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public Command List()
    {
        var command = new Command("list", "List the pipelines with their tasks, partitions, schedule and last run.");
        command.SetAction((_, ct) => WithHostAsync(async services =>
        {
            foreach (var p in await services.GetRequiredService<PipelineQueries>().ListAsync(ct))
            {
                output.WriteLine($"{p.Name}  ({p.Description})");
                output.WriteLine($"  tasks:      {string.Join(", ", p.Tasks.Select(t => t.Upstream.Count == 0 ? t.Name : $"{t.Name} <- {string.Join("+", t.Upstream)}"))}");
                if (p.Partitioning is { } part) output.WriteLine($"  partitions: daily from {part.Start} ({part.TimeZone})");
                if (p.Schedule is { } s) output.WriteLine($"  schedule:   {s.Cron} ({s.TimeZone}), next {s.NextRunAt:u}");
                output.WriteLine($"  last run:   {(p.LastRun is { } r ? $"{r.State} {r.Partition} ({r.Id})" : "never")}");
            }
            return CliApp.Ok;
        }, ct));
        return command;
    }

    public Command Run()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline to run." };
        var partition = new Option<string?>("--partition") { Description = "The day to run, YYYY-MM-DD (default: the day that just closed)." };
        var parameters = new Option<string[]>("--param") { Description = "A parameter as key=value; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", "Run a pipeline once, here, and wait for it to finish.") { pipeline, partition, parameters };
        command.SetAction((parse, ct) => WithHostAsync(async services =>
        {
            var values = ParseParameters(parse.GetValue(parameters) ?? []);
            var runId = await services.GetRequiredService<RunRequests>()
                .TriggerAsync(parse.GetValue(pipeline)!, parse.GetValue(partition), values, "cli", null, ct, Actor.CommandLine());
            output.WriteLine($"Run {runId} started.");
            return await FollowRunAsync(services.GetRequiredService<RunQueries>(), runId, ct);
        }, ct));
        return command;
    }

    public Command Backfill()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The daily-partitioned pipeline to backfill." };
        var from = new Option<string>("--from") { Description = "The first day, YYYY-MM-DD.", Required = true };
        var to = new Option<string>("--to") { Description = "The last day, YYYY-MM-DD (inclusive).", Required = true };
        var command = new Command("backfill", "Run a pipeline for every day of a range, here, and wait for all runs.") { pipeline, from, to };
        command.SetAction((parse, ct) => WithHostAsync(async services =>
        {
            var created = await services.GetRequiredService<RunRequests>()
                .BackfillAsync(parse.GetValue(pipeline)!, parse.GetValue(from), parse.GetValue(to), "backfill", ct);
            output.WriteLine($"Backfill {created.BackfillId}: {created.RunIds.Count} run(s).");
            return await FollowBackfillAsync(services.GetRequiredService<RunQueries>(), created, ct);
        }, ct));
        return command;
    }

    private async Task<int> FollowRunAsync(RunQueries runs, Guid runId, CancellationToken ct)
    {
        var seen = new Dictionary<string, string>();
        while (true)
        {
            var run = await runs.GetAsync(runId, ct) ?? throw new InvalidOperationException($"Run {runId} vanished.");
            foreach (var task in run.Tasks)
            {
                var line = task.State switch
                {
                    TaskState.UpForRetry => $"{task.State} after attempt {task.Attempts} of {task.MaxAttempts}: {task.Error}",
                    TaskState.Failed => $"{task.State} after {task.Attempts} attempt(s): {task.Error}",
                    TaskState.Succeeded => $"{task.State} in {task.DurationSeconds:0.###} s",
                    _ => task.State.ToString(),
                };
                if (seen.GetValueOrDefault(task.Task) != line)
                {
                    seen[task.Task] = line;
                    output.WriteLine($"  {task.Task,-24} {line}");
                }
            }
            if (run.Run.State.IsTerminal())
            {
                output.WriteLine($"Run {runId} {run.Run.State}{(run.Run.DurationSeconds is { } d ? $" in {d:0.###} s" : "")}.");
                return run.Run.State == RunState.Succeeded ? CliApp.Ok : CliApp.RunFailed;
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    private async Task<int> FollowBackfillAsync(RunQueries runs, RunRequests.BackfillCreated backfill, CancellationToken ct)
    {
        var total = backfill.RunIds.Count;
        var last = "";
        while (true)
        {
            var states = await runs.BackfillStatesAsync(backfill.BackfillId, ct);
            var done = states.Where(s => s.Key.IsTerminal()).Sum(s => s.Value);
            var failed = states.GetValueOrDefault(RunState.Failed) + states.GetValueOrDefault(RunState.Cancelled);
            var line = $"  {done}/{total} run(s) finished, {failed} failed, {states.GetValueOrDefault(RunState.Running)} running";
            if (line != last) output.WriteLine(last = line);
            if (done == total)
            {
                output.WriteLine(failed == 0 ? "Backfill succeeded." : $"Backfill finished with {failed} failed run(s).");
                return failed == 0 ? CliApp.Ok : CliApp.RunFailed;
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    private Task<int> WithHostAsync(Func<IServiceProvider, Task<int>> work, CancellationToken ct) =>
        CliOutcome.RunAsync(error, "Interrupted; runs already started go on when the engine next runs.",
            () => CliOutcome.WithHostAsync(buildHost(), work, ct), ct);

    private static Dictionary<string, string> ParseParameters(string[] pairs)
    {
        var values = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
                throw new InvalidRequestException("--param", $"'{pair}' is not key=value.");
            values[pair[..separator]] = pair[(separator + 1)..];
        }
        return values;
    }
}
