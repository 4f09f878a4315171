using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Jobs.Hello;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The overview with 50 pipelines reads the last runs of all of them in one statement (it used to be one per pipeline),
/// on both run stores, and still shows each pipeline's own newest ten, newest first.
/// </summary>
public sealed class OverviewReadsTests
{
    private const int Pipelines = 50, RunsEach = 12, Shown = 10;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_overview_of_50_pipelines_reads_their_last_runs_in_one_statement(bool postgres)
    {
        await using var database = postgres ? await PostgresDatabase.CreateAsync("overview") : null;
        await using var factory = new PipelineWebFactory { Settings = { ["Engine:WorkerCount"] = "0" } };
        if (database is not null) factory.Settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        var names = Enumerable.Range(1, Pipelines).Select(i => $"p{i:D2}").ToList();
        var recorder = new StatementRecorder();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s
            .AddSingleton(new PipelineCatalog(names.Select(Unpartitioned)))
            .AddSingleton<IInterceptor>(recorder)));
        host.Server.PreserveExecutionContext = true; // requests run in the test's flow, so their statements are told from the engine's
        using var session = new DashboardSession(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await session.GetAsync("/hangfire/pipelines"); // started: the schema exists

        var noon = new DateTime(2025, 2, 1, 12, 0, 0, DateTimeKind.Utc);
        var newest = new Dictionary<string, IReadOnlyList<Guid>>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            // Interleaved in time across pipelines, so that only a per-pipeline limit gives each its own ten.
            var ids = await RunHistory.SeedAsync(host.Services, name, Enumerable.Range(0, RunsEach)
                .Select(k => new RunHistory.Day(new DateOnly(2025, 1, 1), k % 3 == 0 ? RunState.Failed : RunState.Succeeded,
                    noon.AddMinutes(k * Pipelines + i))), Ct);
            newest[name] = ids.Skip(RunsEach - Shown).ToList(); // the squares run from the oldest shown to the newest
        }

        var page = await recorder.RecordAsync(() => session.GetAsync("/hangfire/pipelines"));

        var reads = recorder.Statements.Count(s => s.Contains("pipeline_runs", StringComparison.Ordinal));
        // For the record only (not asserted: the machine is shared): the page's time, the median of a few more requests.
        var times = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            var clock = Stopwatch.StartNew();
            await session.GetAsync("/hangfire/pipelines");
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {Pipelines} pipelines, " +
            $"{reads} statements on pipeline_runs, median {times.Order().ElementAt(times.Count / 2):F0} ms of {times.Count} requests");
        foreach (var name in names)
        {
            var row = Regex.Match(page.Html, $"<tr data-pipeline=\"{name}\">.*?</tr>", RegexOptions.Singleline).Value;
            var squares = Regex.Matches(row, "class=\"run-square state-\\w+\" href=\"/hangfire/pipelines/runs/(?<id>[0-9a-f-]{36})\"")
                .Select(m => Guid.Parse(m.Groups["id"].Value));
            Assert.Equal(newest[name], squares);
        }
        Assert.Equal(1, reads);
    }

    private static PipelineDefinition Unpartitioned(string name) =>
        new PipelineBuilder(name).Task<PickGreeting>("extract").Task<GreetWorld>("load", after: ["extract"]).Build();

    /// <summary>
    /// The text of every command the host's run store sends (an EF Core interceptor) in the flow of <see cref="RecordAsync{T}"/>:
    /// not the engine's background reads.
    /// </summary>
    private sealed class StatementRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _statements = new();
        private readonly AsyncLocal<bool> _recording = new();

        public IReadOnlyList<string> Statements => _statements.ToList();

        public async Task<T> RecordAsync<T>(Func<Task<T>> action)
        {
            _recording.Value = true;
            try { return await action(); }
            finally { _recording.Value = false; }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_recording.Value) _statements.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
