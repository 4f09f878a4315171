using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Tests.Ingest;

/// <summary>The same path on real services: PostgreSQL (run store, Hangfire, warehouse) and the S3 server as the lake.</summary>
public sealed class IngestOnRealServicesTests(RealServicesIngestHost host) : IClassFixture<RealServicesIngestHost>
{
    [Fact]
    public async Task A_payload_lands_in_the_S3_bucket_raw_data_and_in_the_PostgreSQL_warehouse_once()
    {
        Assert.Equal(SqlProvider.Postgres, host.Get<WarehouseDatabase>().Database.Provider);
        Assert.StartsWith("S3", host.Get<Pipeline.Connectors.Lake.ILake>().Description, StringComparison.OrdinalIgnoreCase);

        var (runId, file, _) = await host.PostAcceptedAsync("/data", """[{"date": 1700000000, "dados": 1, "x": true}, {"date": 1700000060, "dados": 2}]""");
        Assert.NotNull(await host.RawData.StatAsync(file["raw-data/".Length..], TestContext.Current.CancellationToken));
        await host.WaitForRunAsync(runId);

        var rows = await host.RowsOfAsync(file);
        Assert.Equal([1L, 2L], rows.Select(r => System.Text.Json.JsonDocument.Parse(r.DadoLinha).RootElement.GetProperty("dados").GetInt64()));
        Assert.True(System.Text.Json.JsonDocument.Parse(rows[0].DadoLinha).RootElement.GetProperty("x").GetBoolean());

        // The load task run again by hand (as a retry would) replaces the file's rows rather than adding to them.
        var job = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Pipeline.Jobs.Ingest.LoadRawDataToWarehouse>(host.Factory.Services);
        await job.RunAsync(new Pipeline.Jobs.JobContext
        {
            RunId = Guid.NewGuid(), Pipeline = "ingest", Task = "load_warehouse", Attempt = 2,
            Parameters = new Dictionary<string, string> { ["file"] = file["raw-data/".Length..] },
            Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            Progress = new Progress<double>(), CancellationToken = TestContext.Current.CancellationToken,
        });
        await using var db = await host.Get<IDbContextFactory<WarehouseContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await db.WorkingData.CountAsync(r => r.SourceFile == file, TestContext.Current.CancellationToken));
    }
}
