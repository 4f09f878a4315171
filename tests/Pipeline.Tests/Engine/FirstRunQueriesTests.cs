using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Telemetry;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Engine;

/// <summary>
/// A freshly started PostgreSQL host whose start-up warm-up is done has every run-store query of a run's way ready: the first
/// run (a trigger, its start pass, a fan-out whose second branch a job first keeps and then hands to a job of its own, the
/// join) makes EF Core translate and compile none. Each one it did cost the first run milliseconds of CPU.
/// </summary>
public sealed class FirstRunQueriesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_the_warm_up_the_first_run_of_a_fan_out_compiles_no_query()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var database = await PostgresDatabase.CreateAsync("first_run");
        var compiled = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Engine:DataDirectory"] = data.Path,
            ["Engine:RegisterSchedules"] = "false",
            // What is measured is a run's way, from its trigger to its end. The lease renewer and the recovery pass are the
            // host's housekeeping on their own timer (first tick one interval after the start, whether a run comes or not):
            // their queries compile on that tick, which a slow start could put inside the recording. Their ticks are put
            // far beyond the test so that the recording holds the run's queries only (the lease, and Hangfire's invisibility
            // timeout, must be longer than the renewal interval: the settings' own rules).
            ["Engine:LeaseRenewalInterval"] = "00:05:00",
            ["Engine:LeaseLength"] = "00:15:00",
            ["Engine:InvisibilityTimeout"] = "00:15:00",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var log = new CompiledQueryLog(compiled);
        builder.Logging.AddProvider(log).AddFilter<CompiledQueryLog>(DbLoggerCategory.Query.Name, LogLevel.Debug);
        builder.Services.AddSingleton(new PipelineCatalog(TestPipelines.All()));
        builder.Services.AddSingleton<TestProbe>();
        builder.Services.AddPipelineEngine(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(ct);
        try
        {
            await host.Services.GetRequiredService<StartupWarmUp>().Completion.WaitAsync(Deadline, ct);
            using var ended = new RunEnds(host.Services.GetRequiredService<IMeterFactory>());
            log.Recording = true;
            // diamond: start, then left and right at a barrier (each waits for the other: the job that runs left inline keeps
            // right, then hands it to a job of its own), then join.
            var runId = await host.Services.GetRequiredService<RunRequests>().TriggerAsync("diamond", null, null, "test", null, ct);
            await ended.First.WaitAsync(Deadline, ct);
            log.Recording = false;

            var run = await host.Services.GetRequiredService<RunQueries>().GetAsync(runId, ct);
            Assert.Equal(RunState.Succeeded, run!.Run.State);
            Assert.True(compiled.IsEmpty, $"The first run compiled:\n{string.Join("\n\n", compiled)}");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The first run end the host's engine counts (its pipeline.runs.ended counter, recorded once the end commits).</summary>
    private sealed class RunEnds : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunEnds(IMeterFactory hostMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == hostMeters && instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Name == "pipeline.runs.ended")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => _first.TrySetResult());
            _listener.Start();
        }

        public Task First => _first.Task;

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>EF Core's "compiling query expression" events, with the query, while <see cref="Recording"/> is on.</summary>
    private sealed class CompiledQueryLog(ConcurrentQueue<string> compiled) : ILoggerProvider, ILogger
    {
        public volatile bool Recording;

        public ILogger CreateLogger(string categoryName) => this;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Recording && eventId.Id == CoreEventId.QueryCompilationStarting.Id) compiled.Enqueue(formatter(state, exception));
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public void Dispose() { }
    }
}
