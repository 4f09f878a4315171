using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// The run store: runs, task runs, their log lines, backfills. One model, two providers; each provider
/// has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class RunStoreContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PipelineRunRecord> Runs => Set<PipelineRunRecord>();
    public DbSet<TaskRunRecord> TaskRuns => Set<TaskRunRecord>();
    public DbSet<TaskLogRecord> TaskLogs => Set<TaskLogRecord>();
    public DbSet<TaskAttemptRecord> TaskAttempts => Set<TaskAttemptRecord>();
    public DbSet<BackfillRecord> Backfills => Set<BackfillRecord>();
    public DbSet<PipelineLockRecord> PipelineLocks => Set<PipelineLockRecord>();
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();
    public DbSet<LatePartitionRecord> LatePartitions => Set<LatePartitionRecord>();
    public DbSet<PipelineStateRecord> PipelineStates => Set<PipelineStateRecord>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    /// <summary>The run a task belongs to, with all its tasks, tracked; read it after locking the run.</summary>
    public abstract Task<PipelineRunRecord> RunOfTaskAsync(Guid taskRunId, CancellationToken ct);

    /// <summary>
    /// Tries to become the one host doing recovery work until the returned handle is disposed; null when another host
    /// holds it. A store only one process can open (SQLite) always says yes, and holds nothing: a transaction kept
    /// open there would hold SQLite's one write lock against the recovery work itself.
    /// </summary>
    public virtual Task<IAsyncDisposable?> TryLeadRecoveryAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(NothingHeld.Instance);

    private sealed class NothingHeld : IAsyncDisposable
    {
        public static readonly NothingHeld Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Like <see cref="TryLeadRecoveryAsync"/>, for sending notifications and raising late partitions.</summary>
    public virtual Task<bool> TryLeadNotificationsAsync(CancellationToken ct) => Task.FromResult(true);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<PipelineRunRecord>(run =>
        {
            run.ToTable("pipeline_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Pipeline).HasMaxLength(100);
            run.Property(r => r.Trigger).HasMaxLength(20);
            run.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.IdempotencyKey).HasMaxLength(200);
            run.HasIndex(r => r.IdempotencyKey).IsUnique();
            run.Property(r => r.Version).IsConcurrencyToken();
            // Lists of runs are newest first by (created_at, id), paged by keyset (RunQueries): one index per filter the API
            // offers, each ending in (created_at, id), so a page starts at its cursor without reading the runs above it.
            run.HasIndex(r => new { r.CreatedAt, r.Id });
            run.HasIndex(r => new { r.Pipeline, r.CreatedAt, r.Id });
            run.HasIndex(r => new { r.Pipeline, r.State, r.CreatedAt, r.Id });
            // Runs in one state across pipelines (a rare state's list, the active-run gauges, the reconciler's queued runs).
            // Not (state, created_at, id): PostgreSQL then chose it for the engine's "UPDATE ... WHERE id = @id AND state =
            // 'Queued'" whenever its statistics thought queued runs rare (a big backfill just inserted), and read every queued
            // run's entry to find one id; with id second the same choice is one lookup.
            run.HasIndex(r => new { r.State, r.Id });
            // A day's runs, latest first: the partitions and the calendar probe it once per day (PartitionRuns); the partition
            // leads so that a day's runs of every pipeline are together too.
            run.HasIndex(r => new { r.Partition, r.Pipeline, r.CreatedAt, r.Id });
            // The order in which queued runs start: highest priority, then oldest.
            run.HasIndex(r => new { r.Pipeline, r.State, r.Priority, r.CreatedAt }).IsDescending(false, false, true, false);
            run.HasIndex(r => r.BackfillId);
            run.HasMany(r => r.Tasks).WithOne(t => t.Run).HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<TaskRunRecord>(task =>
        {
            task.ToTable("task_runs");
            task.HasKey(t => t.Id);
            task.Property(t => t.Task).HasMaxLength(100);
            task.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            task.Property(t => t.Queue).HasMaxLength(100);
            task.Property(t => t.HangfireJobId).HasMaxLength(100);
            task.HasIndex(t => new { t.RunId, t.Task }).IsUnique();
            task.HasIndex(t => new { t.State, t.QueuedAt });
            task.Ignore(t => t.AttemptInRound);
            task.Ignore(t => t.UpstreamTasks);
            task.Property(t => t.Upstream).HasMaxLength(2000);
            task.Property(t => t.LeaseOwner).HasMaxLength(200);
        });

        model.Entity<TaskAttemptRecord>(attempt =>
        {
            attempt.ToTable("task_attempts");
            attempt.HasKey(a => new { a.TaskRunId, a.Number });
            attempt.Property(a => a.Host).HasMaxLength(200);
            attempt.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
            attempt.Property(a => a.Error).HasMaxLength(2000);
            attempt.HasOne<TaskRunRecord>().WithMany().HasForeignKey(a => a.TaskRunId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<TaskLogRecord>(log =>
        {
            log.ToTable("task_logs");
            log.HasKey(l => l.Id);
            log.Property(l => l.Level).HasMaxLength(20);
            log.HasIndex(l => new { l.TaskRunId, l.Id });
            log.HasOne<TaskRunRecord>().WithMany().HasForeignKey(l => l.TaskRunId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<BackfillRecord>(backfill =>
        {
            backfill.ToTable("backfills");
            backfill.HasKey(b => b.Id);
            backfill.Property(b => b.Pipeline).HasMaxLength(100);
            backfill.Property(b => b.CreatedBy).HasMaxLength(300);
            backfill.Property(b => b.Filter).HasMaxLength(200);
            backfill.HasIndex(b => new { b.Pipeline, b.CreatedAt });
        });

        OperatorControlsModel.Configure(model);

        model.Entity<PipelineLockRecord>(lockRow =>
        {
            lockRow.ToTable("pipeline_locks");
            lockRow.HasKey(l => l.Pipeline);
            lockRow.Property(l => l.Pipeline).HasMaxLength(100);
        });

        NotificationModel.Configure(model);
        ApiKeyModel.Configure(model);

        foreach (var entity in model.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
