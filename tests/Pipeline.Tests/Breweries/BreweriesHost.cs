using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Lake;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Breweries;

/// <summary>The real host with the breweries pipeline pointed at a WireMock Open Brewery DB and a bucket of its own.</summary>
public sealed class BreweriesHost : PipelineWebFactory
{
    public const string Partition = "2025-06-01";
    public static readonly DateOnly Day = new(2025, 6, 1);

    public BreweriesHost(string apiBaseUrl, string bucket, IEnumerable<KeyValuePair<string, string?>> lakeSettings)
    {
        Bucket = bucket;
        Settings["Apis:OpenBreweryDb:BaseAddress"] = apiBaseUrl;
        Settings["Apis:OpenBreweryDb:MaxRetries"] = "3";
        Settings["Apis:OpenBreweryDb:RetryDelay"] = "00:00:00.050";
        Settings["Breweries:Bucket"] = bucket;
        // A failed gate does not heal by waiting: one attempt, so failures show at once.
        Settings["Breweries:TaskAttempts"] = "1";
        Settings["Engine:RegisterSchedules"] = "false";
        Settings["Logging:LogLevel:Polly"] = "Error";
        foreach (var (key, value) in lakeSettings) Settings[key] = value;
    }

    public string Bucket { get; }

    public ILakeBucket Lake => Services.GetRequiredService<ILake>().Bucket(Bucket);

    /// <summary>Runs the day and waits for the run to end.</summary>
    public async Task<RunDetail> RunDayAsync()
    {
        _ = Server; // starts the host
        var runId = await Services.GetRequiredService<RunRequests>()
            .TriggerAsync("breweries", Partition, null, "test", null, TestContext.Current.CancellationToken);
        var runs = Services.GetRequiredService<RunQueries>();
        try
        {
            return await Eventually.ReturnsAsync(async () => (await runs.GetAsync(runId, CancellationToken.None))!,
                r => r.Run.State.IsTerminal(), TimeSpan.FromSeconds(90), $"breweries run {runId} to end");
        }
        catch (TimeoutException e)
        {
            // A run that does not end must say where it stands: each task's state, and what the unfinished ones logged last.
            throw new TimeoutException($"{e.Message}\n{await DescribeAsync(runId)}", e);
        }
    }

    /// <summary>Each task's state, attempts and times, and the last log lines of every task that has not ended.</summary>
    public async Task<string> DescribeAsync(Guid runId)
    {
        var runs = Services.GetRequiredService<RunQueries>();
        var run = (await runs.GetAsync(runId, CancellationToken.None))!;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Run {run.Run.State} (now {DateTime.UtcNow:HH:mm:ss.fff}, started {run.Run.StartedAt:HH:mm:ss.fff}); tasks:");
        foreach (var task in run.Tasks)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n  {task.Task} {task.State} attempt {task.Attempts}/{task.MaxAttempts} queued {task.QueuedAt:HH:mm:ss.fff} started {task.StartedAt:HH:mm:ss.fff} finished {task.FinishedAt:HH:mm:ss.fff} on {task.Host} job {task.HangfireJobId} lease to {task.LeaseExpiresAt:HH:mm:ss.fff}");
            if (task.Error is not null) text.Append(CultureInfo.InvariantCulture, $" error: {task.Error}");
            if (task.State.IsTerminal()) continue;
            var logs = await runs.LogsAsync(runId, task.Task, 10_000, CancellationToken.None);
            text.Append(CultureInfo.InvariantCulture, $"\n    its last log lines ({logs.Count} in all):");
            foreach (var line in logs.TakeLast(15))
                text.Append(CultureInfo.InvariantCulture, $"\n    {line.Timestamp:HH:mm:ss.fff} {line.Level} #{line.Attempt} {line.Message}");
        }
        return text.ToString();
    }

    public Task<IReadOnlyList<LogLineView>> LogsAsync(Guid runId, string task) =>
        Services.GetRequiredService<RunQueries>().LogsAsync(runId, task, 1000, CancellationToken.None);
}
