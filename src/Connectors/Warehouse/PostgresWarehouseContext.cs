using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pipeline.Connectors.Warehouse;

public sealed class PostgresWarehouseContext(DbContextOptions<PostgresWarehouseContext> options) : WarehouseContext(options)
{
    protected override void ConfigureForEngine(ModelBuilder model)
    {
        // working_data.data_ingestao is a plain `timestamp` (as the table is specified) holding UTC.
        var utcAsPlainTimestamp = new ValueConverter<DateTime, DateTime>(
            v => DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Unspecified),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        model.Entity<WorkingDataRow>().Property(r => r.DataIngestao)
            .HasColumnType("timestamp without time zone").HasConversion(utcAsPlainTimestamp);
        model.Entity<CryptoSnapshotRecord>().Property(s => s.Raw).HasColumnType("jsonb");
    }
}
