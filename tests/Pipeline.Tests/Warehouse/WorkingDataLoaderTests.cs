using Microsoft.EntityFrameworkCore;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.Warehouse;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Warehouse;

public sealed class WorkingDataLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<WorkingDataRow> Rows(string file, int count, DateTime at) =>
        Enumerable.Range(0, count).Select(i => new WorkingDataRow
        {
            DataIngestao = at,
            DadoLinha = $$"""{"date":1700000000,"dados":{{i}},"extra":"x"}""",
            Tag = "data",
            SourceFile = file,
            SourceRow = i,
        }).ToList();

    [Theory]
    [InlineData(SqlProvider.Postgres)]
    [InlineData(SqlProvider.Sqlite)]
    public async Task Loading_the_same_file_twice_adds_no_rows(SqlProvider provider)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(provider);
        var loader = warehouse.Get<WorkingDataLoader>();
        var at = new DateTime(2026, 11, 23, 13, 0, 0, DateTimeKind.Utc);

        await loader.LoadFileAsync("raw-data/a.parquet", Rows("raw-data/a.parquet", 3, at), Ct);
        await loader.LoadFileAsync("raw-data/b.parquet", Rows("raw-data/b.parquet", 2, at), Ct);
        await loader.LoadFileAsync("raw-data/a.parquet", Rows("raw-data/a.parquet", 3, at), Ct);

        await using var db = await warehouse.Get<IDbContextFactory<WarehouseContext>>().CreateDbContextAsync(Ct);
        var rows = await db.WorkingData.OrderBy(r => r.SourceFile).ThenBy(r => r.SourceRow).ToListAsync(Ct);
        Assert.Equal(5, rows.Count);
        Assert.Equal(3, rows.Count(r => r.SourceFile == "raw-data/a.parquet"));
        Assert.All(rows, r => Assert.Equal(at, r.DataIngestao));
        Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.DataIngestao.Kind));
        Assert.Equal("""{"date":1700000000,"dados":2,"extra":"x"}""", rows[2].DadoLinha);
    }

    [Fact]
    public async Task The_table_has_the_specified_columns_on_postgres()
    {
        await using var warehouse = await TestWarehouse.CreateAsync(SqlProvider.Postgres);
        await using var db = await warehouse.Get<IDbContextFactory<WarehouseContext>>().CreateDbContextAsync(Ct);

        var columns = await db.Database.SqlQueryRaw<string>(
                "SELECT column_name || ' ' || data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'working_data'")
            .ToListAsync(Ct);

        Assert.Contains("data_ingestao timestamp without time zone", columns);
        Assert.Contains("dado_linha text", columns);
        Assert.Contains("tag character varying", columns);
    }
}
