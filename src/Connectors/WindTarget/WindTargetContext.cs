using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.WindTarget;

/// <summary>
/// The target database: <c>signal(id, name)</c>, <c>data(timestamp, signal_id, value)</c> with a foreign key
/// to it, and the two staging tables the ETL's tasks hand data through. One model, two providers.
/// </summary>
public abstract class WindTargetContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SignalRecord> Signals => Set<SignalRecord>();
    public DbSet<DataRecord> Data => Set<DataRecord>();
    public DbSet<StagedMinuteRecord> StagedMinutes => Set<StagedMinuteRecord>();
    public DbSet<StagedWindowRecord> StagedWindows => Set<StagedWindowRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SignalRecord>(signal =>
        {
            signal.ToTable("signal");
            signal.HasKey(s => s.Id);
            signal.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            signal.Property(s => s.Name).HasColumnName("name").HasMaxLength(100);
            signal.HasIndex(s => s.Name).IsUnique();
            signal.HasData(WindSignals.All.Select(s => new SignalRecord { Id = s.Id, Name = s.Name }));
        });

        model.Entity<DataRecord>(data =>
        {
            data.ToTable("data");
            // Timestamp first: a partition is replaced by its time range.
            data.HasKey(d => new { d.Timestamp, d.SignalId });
            data.Property(d => d.Timestamp).HasColumnName("timestamp");
            data.Property(d => d.SignalId).HasColumnName("signal_id");
            data.Property(d => d.Value).HasColumnName("value");
            data.HasIndex(d => new { d.SignalId, d.Timestamp });
            data.HasOne<SignalRecord>().WithMany().HasForeignKey(d => d.SignalId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<StagedMinuteRecord>(minute =>
        {
            minute.ToTable("staged_minutes");
            minute.HasKey(m => m.Timestamp);
            minute.Property(m => m.Timestamp).HasColumnName("timestamp");
            minute.Property(m => m.WindSpeed).HasColumnName("wind_speed");
            minute.Property(m => m.Power).HasColumnName("power");
        });

        model.Entity<StagedWindowRecord>(window =>
        {
            window.ToTable("staged_windows");
            window.HasKey(w => w.Timestamp);
            window.Property(w => w.Timestamp).HasColumnName("timestamp");
            // One column per signal, named after it (WindSignals.All): load unpivots them by these names.
            window.Property(w => w.WindSpeedMean).HasColumnName("wind_speed_mean");
            window.Property(w => w.WindSpeedMin).HasColumnName("wind_speed_min");
            window.Property(w => w.WindSpeedMax).HasColumnName("wind_speed_max");
            window.Property(w => w.WindSpeedStd).HasColumnName("wind_speed_std");
            window.Property(w => w.PowerMean).HasColumnName("power_mean");
            window.Property(w => w.PowerMin).HasColumnName("power_min");
            window.Property(w => w.PowerMax).HasColumnName("power_max");
            window.Property(w => w.PowerStd).HasColumnName("power_std");
        });
    }
}
