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
        return await Eventually.ReturnsAsync(async () => (await runs.GetAsync(runId, CancellationToken.None))!,
            r => r.Run.State.IsTerminal(), TimeSpan.FromSeconds(90), $"breweries run {runId} to end");
    }

    public Task<IReadOnlyList<LogLineView>> LogsAsync(Guid runId, string task) =>
        Services.GetRequiredService<RunQueries>().LogsAsync(runId, task, 1000, CancellationToken.None);
}
