using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pipeline.Connectors.Warehouse;

public sealed class SqliteWarehouseContext(DbContextOptions<SqliteWarehouseContext> options) : WarehouseContext(options)
{
    protected override void ConfigureForEngine(ModelBuilder model)
    {
        // SQLite has no offset type: instants are kept as UTC ticks so that range queries compare numbers.
        var utcTicks = new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        model.Entity<CryptoSnapshotRecord>().Property(s => s.LastUpdated).HasConversion(utcTicks);
        model.Entity<CryptoSnapshotRecord>().Property(s => s.StoredAt).HasConversion(utcTicks);
        model.Entity<WorkingDataRow>().Property(r => r.DataIngestao)
            .HasConversion(v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
    }
}
