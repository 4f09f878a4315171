using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pipeline.Connectors.WindSource.Seeding;
using Pipeline.Connectors.WindTarget;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// wind-etl on real PostgreSQL: the engine's storage, the source and the target each in a database of
/// their own, the source seeded with the default range and backfilled whole. The host is built as the
/// CLI builds it: the engine plus the source API on a loopback port.
/// </summary>
public sealed class WindEtlPostgresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backfill_of_the_whole_seeded_range_loads_every_day()
    {
        await using var engine = await PostgresDatabase.CreateAsync("wind_engine");
        await using var source = await PostgresDatabase.CreateAsync("wind_source");
        await using var target = await PostgresDatabase.CreateAsync("wind_target");
        using var data = new TempDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = engine.ConnectionString,
            ["ConnectionStrings:WindSource"] = source.ConnectionString,
            ["ConnectionStrings:WindTarget"] = target.ConnectionString,
            ["Engine:DataDirectory"] = data.Path,
            ["Engine:QueuePollInterval"] = "00:00:00.050",
            ["Engine:RegisterSchedules"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
            ["Logging:LogLevel:Hangfire"] = "Error",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPipelineEngine(builder.Configuration);
        await using var app = builder.Build();
        app.MapSourceApi();
        await app.StartAsync(Ct);

        var rows = await app.Services.GetRequiredService<SourceSeeder>().SeedAsync(WindGenerator.DefaultFrom, WindGenerator.DefaultTo, null, Ct);
        Assert.Equal(22 * 1440 - 30, rows);

        var backfill = await app.Services.GetRequiredService<RunRequests>().BackfillAsync("wind-etl", "2024-10-01", "2024-10-22", "test", Ct);
        var runs = app.Services.GetRequiredService<RunQueries>();
        var states = await Eventually.ReturnsAsync(() => runs.BackfillStatesAsync(backfill.BackfillId, CancellationToken.None),
            s => s.Where(kv => kv.Key.IsTerminal()).Sum(kv => kv.Value) == 22, TimeSpan.FromSeconds(180), "22 runs to end");

        Assert.Equal(22, states.GetValueOrDefault(RunState.Succeeded));
        var loaded = await app.Services.GetRequiredService<WindTargetStore>().ReadDataAsync(
            new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 10, 23, 0, 0, 0, DateTimeKind.Utc), Ct);
        // 1,152 values a day; the gap day lacks 3 windows (24 values) and the null day one window of wind (4).
        Assert.Equal(22 * 1152 - 24 - 4, loaded.Count);
        Assert.Equal(22 * 144, loaded.Select(v => v.Timestamp).Distinct().Count() + 3);

        await app.StopAsync(Ct);
        await AssertTargetSchemaAsync(target.ConnectionString);
    }

    private static async Task AssertTargetSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using (var signals = new NpgsqlCommand("SELECT string_agg(name, ',' ORDER BY id) FROM signal", connection))
            Assert.Equal(string.Join(',', WindSignals.All.Select(s => s.Name)), await signals.ExecuteScalarAsync(Ct));
        // The foreign key holds: a value for a signal that does not exist is refused.
        await using var orphan = new NpgsqlCommand("INSERT INTO data (timestamp, signal_id, value) VALUES (now(), 99, 1)", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => orphan.ExecuteNonQueryAsync(Ct));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }
}
