using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>The table of API keys (Access/ApiKeys).</summary>
public static class ApiKeyModel
{
    public static void Configure(ModelBuilder model) =>
        model.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(12);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Property(k => k.Role).HasMaxLength(120);
            key.Property(k => k.CreatedBy).HasMaxLength(300);
            key.Property(k => k.RevokedBy).HasMaxLength(300);
        });
}
