using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pipeline.Bench.Measuring;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Bench.AirQuality;

/// <summary>
/// One measured run of the air-quality DAG on fresh names (database, topic, group, key prefix, queue, bucket):
/// the engine as the scheduler builds it, the host started before the clock starts.
/// </summary>
public static class Repetition
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <param name="PeakAtRunEnd">The process's peak RSS (MB, since <paramref name="meter"/> started) when the run had ended,
    /// before the bench checks what it produced and stops the host.</param>
    public sealed record Measured(RunDetail Run, double PeakAtRunEnd);

    public static async Task<Measured> RunAsync(BenchServices services, ProcessMeter meter, CancellationToken ct)
    {
        var name = Guid.NewGuid().ToString("N")[..12];
        var database = new NpgsqlConnectionStringBuilder(services.Postgres) { Database = $"pipeline_bench_aq_{name}" };
        var root = Directory.CreateTempSubdirectory("pipeline-bench-aq-");
        var data = root.CreateSubdirectory("data");
        // Content root apart from the data: the host watches its content root for settings changes (as the scheduler's
        // own data directory is apart from its content root), and an empty one keeps the bench's settings file out.
        var content = root.CreateSubdirectory("content");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = content.FullName, EnvironmentName = "Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["ConnectionStrings:Redis"] = services.Redis,
            ["ConnectionStrings:RabbitMq"] = services.RabbitMq,
            ["Kafka:BootstrapServers"] = services.Kafka,
            ["Lake:Endpoint"] = services.S3Endpoint,
            ["Lake:AccessKey"] = services.S3AccessKey,
            ["Lake:SecretKey"] = services.S3SecretKey,
            ["Cache:KeyPrefix"] = $"bench-{name}:",
            ["AirQuality:Topic"] = $"sensor_raw-{name}",
            ["AirQuality:ConsumerGroup"] = $"air-quality-{name}",
            ["AirQuality:AlertQueue"] = $"sensor_alert-{name}",
            ["AirQuality:Bucket"] = $"air-quality-{name}",
            ["Engine:DataDirectory"] = data.FullName,
            ["Engine:RegisterSchedules"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Hangfire"] = "Error",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        });
        builder.Services.AddPipelineEngine(builder.Configuration);
        await CreateDatabaseAsync(services.Postgres, database.Database!, ct);
        var starting = Stopwatch.StartNew();
        using var host = builder.Build();
        await host.StartAsync(ct);
        var started = starting.ElapsedMilliseconds;
        // The host is ready once its start-up warm-up (if any) is done; the run is triggered only then.
        if (host.Services.GetService<StartupWarmUp>() is { } warmUp) await warmUp.Completion.WaitAsync(ct);
        Console.Error.WriteLine($"  host: built and started in {started} ms, ready (warm-up done) at {starting.ElapsedMilliseconds} ms, " +
                                $"RSS {Environment.WorkingSet / 1048576.0:0} MB, 1-min load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        try
        {
            var runs = host.Services.GetRequiredService<RunQueries>();
            // The host runs nothing else: the first run end it counts is this run's.
            using var ended = new RunEndSignal(host.Services.GetRequiredService<IMeterFactory>());
            var cost = RunCost.Start();
            var runId = await host.Services.GetRequiredService<RunRequests>().TriggerAsync("air-quality", null, null, "bench", null, ct);
            try
            {
                await ended.Ended.WaitAsync(Deadline, ct);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The run did not finish within {Deadline}.");
            }
            var peakAtRunEnd = meter.PeakRssMegabytes();
            var spent = cost.Describe();
            // The counter is recorded once the end has committed: the run reads as ended.
            var run = await runs.GetAsync(runId, ct) ?? throw new InvalidOperationException($"Run {runId} is not in the run store.");
            Console.Error.WriteLine(spent);
            if (run.Run.State != RunState.Succeeded)
                throw new InvalidOperationException($"The run ended {run.Run.State}: {string.Join("; ", run.Tasks.Select(t => t.Error).OfType<string>())}");
            await VerifyAsync(host.Services, $"sensor_alert-{name}", ct);
            return new Measured(run, peakAtRunEnd);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            await DropDatabaseAsync(services.Postgres, database.Database!);
            // The host creates "<database>_warehouse" by itself (WarehouseHostingExtensions).
            await DropDatabaseAsync(services.Postgres, $"{database.Database}_warehouse");
            root.Delete(recursive: true);
        }
    }

    /// <summary>A fast run that did not do the work would be no measurement: check what it produced.</summary>
    private static async Task VerifyAsync(IServiceProvider services, string queue, CancellationToken ct)
    {
        await using var csv = BundledDataset.Open();
        var parsed = AirQualityCsv.Parse(csv);
        var hours = parsed.Readings.Select(r => r.Id).Distinct().Count();
        var rule = new AlertRule(10, 200);
        var cached = await services.GetRequiredService<ICache>().CountKeysAsync(SensorCache.ReadingPrefix, ct);
        var alerts = await services.GetRequiredService<IAlertQueue>().TakeAsync(queue, 100_000, ct);
        if (cached != hours || alerts.Count != parsed.Readings.Count(rule.IsCritical))
            throw new InvalidOperationException($"The run left {cached} cache entries (expected {hours}) and {alerts.Count} alerts.");
    }

    private static async Task CreateDatabaseAsync(string server, string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    private static async Task DropDatabaseAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
