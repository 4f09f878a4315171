using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.Warehouse;

/// <summary>
/// The warehouse the pipelines load into: working_data (ingest) and crypto_market_snapshots (crypto).
/// One subclass per engine so each keeps its own migrations.
/// </summary>
public abstract class WarehouseContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<WorkingDataRow> WorkingData => Set<WorkingDataRow>();
    public DbSet<CryptoSnapshotRecord> CryptoSnapshots => Set<CryptoSnapshotRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<WorkingDataRow>(row =>
        {
            row.ToTable("working_data");
            row.HasKey(r => r.Id);
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.DataIngestao).HasColumnName("data_ingestao");
            row.Property(r => r.DadoLinha).HasColumnName("dado_linha");
            row.Property(r => r.Tag).HasColumnName("tag").HasMaxLength(100);
            row.Property(r => r.SourceFile).HasColumnName("source_file").HasMaxLength(400);
            row.Property(r => r.SourceRow).HasColumnName("source_row");
            row.HasIndex(r => new { r.SourceFile, r.SourceRow }).IsUnique();
            row.HasIndex(r => r.DataIngestao);
        });

        model.Entity<CryptoSnapshotRecord>(snapshot =>
        {
            snapshot.ToTable("crypto_market_snapshots");
            snapshot.HasKey(s => s.Id);
            snapshot.Property(s => s.Id).HasColumnName("id");
            snapshot.Property(s => s.CoinId).HasColumnName("coin_id").HasMaxLength(200);
            snapshot.Property(s => s.Symbol).HasColumnName("symbol").HasMaxLength(100);
            snapshot.Property(s => s.Name).HasColumnName("name").HasMaxLength(400);
            snapshot.Property(s => s.LastUpdated).HasColumnName("last_updated");
            snapshot.Property(s => s.CurrentPrice).HasColumnName("current_price");
            snapshot.Property(s => s.MarketCap).HasColumnName("market_cap");
            snapshot.Property(s => s.MarketCapRank).HasColumnName("market_cap_rank");
            snapshot.Property(s => s.TotalVolume).HasColumnName("total_volume");
            snapshot.Property(s => s.PriceChangePercentage24h).HasColumnName("price_change_percentage_24h");
            snapshot.Property(s => s.ChangeSincePrevious).HasColumnName("change_since_previous");
            snapshot.Property(s => s.ChangeSincePreviousPercent).HasColumnName("change_since_previous_percent");
            snapshot.Property(s => s.MovingAverage).HasColumnName("moving_average");
            snapshot.Property(s => s.MovingAverageCount).HasColumnName("moving_average_count");
            snapshot.Property(s => s.Raw).HasColumnName("raw");
            snapshot.Property(s => s.RunId).HasColumnName("run_id");
            snapshot.Property(s => s.StoredAt).HasColumnName("stored_at");
            snapshot.HasIndex(s => new { s.CoinId, s.LastUpdated }).IsUnique();
        });
        ConfigureForEngine(model);
    }

    /// <summary>What differs per engine: column types.</summary>
    protected abstract void ConfigureForEngine(ModelBuilder model);
}
