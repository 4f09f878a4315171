using System.CommandLine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// The operator commands: pause, unpause, backfills, backfill-status, cancel-backfill, retry-failed, clear. With --server
/// (or Cli:Server) they talk to that server's API; without, to the run store of this host's settings.
/// </summary>
public sealed class ControlCommands(TextWriter output, OperatorSession session)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public IEnumerable<Command> All() => [Pause(), Unpause(), Backfills(), BackfillStatus(), CancelBackfill(), RetryFailed(), Clear()];

    private Command Pause() => PauseCommand("pause", "Pause a pipeline: its schedule makes no runs and its queued runs wait.", paused: true);

    private Command Unpause() => PauseCommand("unpause", "Unpause a pipeline: its schedule runs again and its queued runs may start.", paused: false);

    private Command PauseCommand(string name, string description, bool paused)
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline." };
        var command = new Command(name, description) { pipeline };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var state = paused ? await client.PauseAsync(parse.GetValue(pipeline)!, ct) : await client.UnpauseAsync(parse.GetValue(pipeline)!, ct);
            output.WriteLine($"{state.Pipeline} is {(state.Paused ? "paused" : "not paused")} (since {state.ChangedAt:u}).");
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private Command Backfills()
    {
        var pipeline = new Option<string?>("--pipeline") { Description = "Only this pipeline's backfills." };
        var command = new Command("backfills", "List backfills, newest first, with their progress.") { pipeline };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var page = await client.ListBackfillsAsync(parse.GetValue(pipeline), ct);
            if (page.Items.Count == 0) output.WriteLine("No backfills.");
            foreach (var b in page.Items)
                output.WriteLine($"{b.Id}  {b.Pipeline,-12} {b.From} to {b.To}  {b.State,-9} {b.FinishedRuns}/{b.TotalRuns} finished" +
                                 $"  created {b.CreatedAt:u}{(b.CreatedBy is null ? "" : $" by {b.CreatedBy}")}");
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private Command BackfillStatus()
    {
        var id = new Argument<Guid>("id") { Description = "The backfill's id." };
        var once = new Option<bool>("--once") { Description = "Print the status once instead of following it to the end (exit 4 while it runs)." };
        var command = new Command("backfill-status", "Follow a backfill with a progress bar; exit 0 when it succeeded, 1 when a run failed or it was cancelled.") { id, once };
        // Without a server, this process runs the backfill's work while it watches, as the backfill command does.
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var last = "";
            while (true)
            {
                var detail = await client.GetBackfillAsync(parse.GetValue(id), ct);
                var line = BackfillProgress.Line(detail);
                if (line != last) output.WriteLine(last = line);
                if (detail.Backfill.State is not (BackfillState.Queued or BackfillState.Running))
                    return detail.Backfill.State == BackfillState.Succeeded ? CliApp.Ok : CliApp.RunFailed;
                if (parse.GetValue(once)) return CliApp.StillRunning;
                await Task.Delay(PollInterval, ct);
            }
        }, ct, runWork: true));
        return command;
    }

    private Command CancelBackfill()
    {
        var id = new Argument<Guid>("id") { Description = "The backfill's id." };
        var command = new Command("cancel-backfill", "Cancel every run of a backfill not yet finished; running tasks are asked to stop.") { id };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var outcome = await client.CancelBackfillAsync(parse.GetValue(id), ct);
            output.WriteLine($"Cancelled {outcome.CancelledRuns} run(s); {outcome.StoppingTasks} running task(s) asked to stop.");
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private Command RetryFailed()
    {
        var id = new Argument<Guid>("id") { Description = "The backfill's id." };
        var command = new Command("retry-failed", "Queue every failed or cancelled run of a backfill again; what succeeded is kept.") { id };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var outcome = await client.RetryFailedAsync(parse.GetValue(id), ct);
            output.WriteLine($"Queued {outcome.RetriedRuns} run(s) again" + (outcome.StillStopping > 0 ? $"; {outcome.StillStopping} still stopping, try again in a moment." : "."));
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private Command Clear()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The daily-partitioned pipeline." };
        var from = new Option<string>("--from") { Description = "The first day, YYYY-MM-DD.", Required = true };
        var to = new Option<string>("--to") { Description = "The last day, YYYY-MM-DD (inclusive).", Required = true };
        var tasks = new Option<string[]>("--task") { Description = "A task to clear; repeat for more (default: every task)." };
        var noDownstream = new Option<bool>("--no-downstream") { Description = "Clear only the named tasks, not the tasks after them." };
        var only = new Option<string>("--only") { Description = "failed (default): only tasks that failed, were cancelled or upstream-failed; all: the tasks whatever their state." };
        var command = new Command("clear", "Run chosen tasks again in the latest run of every day of a range, keeping what is upstream of them.")
            { pipeline, from, to, tasks, noDownstream, only };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var request = new TaskClearing.Request(parse.GetValue(from), parse.GetValue(to), parse.GetValue(tasks),
                !parse.GetValue(noDownstream), parse.GetValue(only));
            var outcome = await client.ClearAsync(parse.GetValue(pipeline)!, request, ct);
            output.WriteLine($"Cleared {outcome.ClearedTasks} task(s) in {outcome.ClearedRuns} run(s)" +
                             (outcome.SkippedUnfinishedRuns > 0 ? $"; {outcome.SkippedUnfinishedRuns} run(s) not finished yet were left alone." : "."));
            return CliApp.Ok;
        }, ct));
        return command;
    }
}
