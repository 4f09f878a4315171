using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>The tables of the operator controls (Engine/Controls): pipeline states and the audit trail.</summary>
public static class OperatorControlsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<PipelineStateRecord>(state =>
        {
            state.ToTable("pipeline_states");
            state.HasKey(s => s.Pipeline);
            state.Property(s => s.Pipeline).HasMaxLength(100);
        });

        model.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("audit_records");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Actor).HasMaxLength(300);
            audit.Property(a => a.Address).HasMaxLength(64);
            audit.Property(a => a.Action).HasMaxLength(50);
            audit.Property(a => a.Pipeline).HasMaxLength(100);
            audit.Property(a => a.Details).HasMaxLength(2000);
            audit.HasIndex(a => new { a.Pipeline, a.At });
            audit.HasIndex(a => a.RunId);
            audit.HasIndex(a => a.BackfillId);
        });
    }
}
