using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>The tables of notifications and late partitions, kept out of RunStoreContext's own model code.</summary>
public static class NotificationModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<NotificationRecord>(n =>
        {
            n.ToTable("notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.Pipeline).HasMaxLength(100);
            n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            n.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            n.Property(x => x.Channel).HasMaxLength(300);
            n.Property(x => x.Task).HasMaxLength(100);
            n.Property(x => x.LastError).HasMaxLength(2000);
            n.HasIndex(x => new { x.State, x.NextAttemptAt });
            n.HasIndex(x => new { x.Pipeline, x.Kind, x.Channel, x.BatchedAt });
            n.HasIndex(x => x.RunId);
        });
        model.Entity<LatePartitionRecord>(l =>
        {
            l.ToTable("late_partitions");
            l.HasKey(x => new { x.Pipeline, x.Partition });
            l.Property(x => x.Pipeline).HasMaxLength(100);
        });
    }
}
