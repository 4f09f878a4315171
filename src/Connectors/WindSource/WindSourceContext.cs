using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.WindSource;

/// <summary>
/// The source database: one table <c>data(timestamp, wind_speed, power, ambient_temperature)</c>, a row a
/// minute. One model, two providers, each with its own migrations.
/// </summary>
public abstract class WindSourceContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SourceDataRecord> Data => Set<SourceDataRecord>();

    protected override void OnModelCreating(ModelBuilder model) => model.Entity<SourceDataRecord>(row =>
    {
        row.ToTable("data");
        row.HasKey(r => r.Timestamp);
        row.Property(r => r.Timestamp).HasColumnName("timestamp");
        row.Property(r => r.WindSpeed).HasColumnName("wind_speed");
        row.Property(r => r.Power).HasColumnName("power");
        row.Property(r => r.AmbientTemperature).HasColumnName("ambient_temperature");
    });
}
