using System.Collections;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Pipeline.Jobs.Hello;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Telemetry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Telemetry;

/// <summary>
/// The hello pipeline's DAG run once (its greet_team task fails its first attempt on purpose), seen as an operator
/// sees it: Prometheus text at /metrics, and one trace whose spans are the run's attempts.
/// </summary>
/// <remarks>
/// Alone in the process: a host's OpenTelemetry provider keeps one stream per instrument for every meter of that name in
/// the process ("Pipeline", ASP.NET Core's), and when another test's host disposes its meter the stream is marked done
/// and dropped at the next collect, this host's series with it: /metrics would lose the run's counters at random.
/// </remarks>
[Collection(SoloCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Embedded_run_is_counted_in_prometheus_metrics_and_traced_attempt_by_attempt()
    {
        await using var factory = new PipelineWebFactory();
        await AssertRunIsObservedAsync(factory, expectSqlSpans: false);
    }

    [Fact]
    public async Task On_postgres_the_engine_sql_of_an_attempt_nests_under_its_span()
    {
        await using var database = await PostgresDatabase.CreateAsync("telemetry");
        await using var factory = new PipelineWebFactory();
        factory.Settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        factory.Settings["Engine:QueuePollInterval"] = "00:00:00.050";
        await AssertRunIsObservedAsync(factory, expectSqlSpans: true);
    }

    [Fact]
    public async Task With_telemetry_off_runs_still_succeed_and_there_is_no_metrics_endpoint()
    {
        await using var factory = new PipelineWebFactory();
        factory.Settings["Telemetry:Enabled"] = "false";
        var name = $"hello-{Guid.NewGuid():N}"[..14];
        using var host = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(new PipelineCatalog([Hello(name)]))));
        var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var created = await client.PostAsJsonAsync($"/api/pipelines/{name}/runs", new { partition = "2024-03-01" }, ct);
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetGuid();
        await Eventually.ReturnsAsync(() => client.GetStringAsync($"/api/runs/{runId}", ct),
            run => JsonDocument.Parse(run).RootElement.GetProperty("run").GetProperty("state").GetString() == "Succeeded",
            Deadline, "the hello run to succeed");

        using var metrics = await client.GetAsync("/metrics", ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, metrics.StatusCode);
    }

    private static async Task AssertRunIsObservedAsync(PipelineWebFactory factory, bool expectSqlSpans)
    {
        var spans = new ConcurrentCollection<Activity>();
        // A pipeline name of its own: the meter provider sees every meter named "Pipeline" in the process, so
        // hello runs of other test hosts would count here too.
        var name = $"hello-{Guid.NewGuid():N}"[..14];
        using var host = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton(new PipelineCatalog([Hello(name)]));
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
        }));
        var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var created = await client.PostAsJsonAsync($"/api/pipelines/{name}/runs", new { partition = "2024-03-01" }, ct);
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetGuid();
        await Eventually.ReturnsAsync(() => client.GetStringAsync($"/api/runs/{runId}", ct),
            run => run.Contains("\"Succeeded\"", StringComparison.Ordinal) && JsonDocument.Parse(run).RootElement.GetProperty("run").GetProperty("state").GetString() == "Succeeded",
            Deadline, "the hello run to succeed");

        var metrics = await Eventually.ReturnsAsync(() => client.GetStringAsync("/metrics", ct),
            text => Value(text, "pipeline_runs_ended_total", $"pipeline=\"{name}\"", "outcome=\"succeeded\"") == 1, Deadline, "the run's end in /metrics");
        Assert.Equal(1, Value(metrics, "pipeline_runs_started_total", $"pipeline=\"{name}\"", "trigger=\"api\""));
        Assert.Equal(1, Value(metrics, "pipeline_task_attempts_total", $"pipeline=\"{name}\"", "task=\"greet_team\"", "outcome=\"retried\""));
        Assert.Equal(1, Value(metrics, "pipeline_task_attempts_total", $"pipeline=\"{name}\"", "task=\"greet_team\"", "outcome=\"succeeded\""));
        Assert.Equal(1, Value(metrics, "pipeline_task_attempts_total", $"pipeline=\"{name}\"", "task=\"combine\"", "outcome=\"succeeded\""));
        Assert.Equal(2, Value(metrics, "pipeline_task_duration_seconds_count", $"pipeline=\"{name}\"", "task=\"greet_team\""));
        Assert.Equal(2, Value(metrics, "pipeline_task_queue_wait_seconds_count", $"pipeline=\"{name}\"", "task=\"greet_team\""));
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("dotnet_gc_collections_total", metrics);

        var runTrace = PipelineTracing.RunContext(runId).TraceId;
        var attempts = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.Where(s => s.Source.Name == PipelineTracing.SourceName && s.TraceId == runTrace).ToList()),
            list => list.Count == 5, Deadline, "one span per attempt in the run's trace");
        var team = attempts.Where(s => (string?)s.GetTagItem("pipeline.task") == "greet_team").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["retried", "succeeded"], team.Select(s => (string?)s.GetTagItem(PipelineTracing.OutcomeTag)));
        Assert.Equal(ActivityStatusCode.Error, team[0].Status);
        Assert.All(attempts, span =>
        {
            Assert.Equal(name, span.GetTagItem("pipeline.name"));
            Assert.Equal("2024-03-01", span.GetTagItem("pipeline.partition"));
            Assert.Equal(runId.ToString(), span.GetTagItem("pipeline.run_id"));
            Assert.NotNull(span.GetTagItem("pipeline.host"));
            Assert.NotNull(span.GetTagItem("pipeline.attempt"));
        });

        if (expectSqlSpans)
        {
            var attemptIds = attempts.Select(a => a.SpanId).ToHashSet();
            Assert.Contains(spans, s => s.Source.Name == "Npgsql" && attemptIds.Contains(s.ParentSpanId));
        }
    }

    /// <summary>The hello pipeline's diamond (greet_team fails its first attempt) under another name.</summary>
    private static PipelineDefinition Hello(string name) => new PipelineBuilder(name)
        .PartitionedDaily(new DateOnly(2023, 1, 1))
        .DefaultRetry(new RetryPolicy(Attempts: 3, InitialDelay: TimeSpan.FromSeconds(1), MaxDelay: TimeSpan.FromSeconds(1)))
        .DefaultTimeout(TimeSpan.FromMinutes(1))
        .Task<PickGreeting>("pick_greeting")
        .Task<GreetWorld>("greet_world", after: ["pick_greeting"])
        .Task<GreetTeam>("greet_team", after: ["pick_greeting"])
        .Task<CombineGreetings>("combine", after: ["greet_world", "greet_team"])
        .Build();

    /// <summary>The value of the one Prometheus sample of this metric whose labels include all of these; NaN when none.</summary>
    private static double Value(string prometheusText, string metric, params string[] labels)
    {
        var lines = prometheusText.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l.Contains)).ToList();
        return lines.Count == 1 ? double.Parse(lines[0][(lines[0].LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
    }

    /// <summary>The exporter adds from worker threads while the test reads.</summary>
    private sealed class ConcurrentCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count { get { lock (_items) return _items.Count; } }
        public bool IsReadOnly => false;
        public void Add(T item) { lock (_items) _items.Add(item); }
        public void Clear() { lock (_items) _items.Clear(); }
        public bool Contains(T item) { lock (_items) return _items.Contains(item); }
        public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
        public bool Remove(T item) { lock (_items) return _items.Remove(item); }
        public IEnumerator<T> GetEnumerator() { lock (_items) return _items.ToList().GetEnumerator(); }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
