using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>The audit entry of a run someone asked for, written with the run itself (a repeated idempotent request writes none).</summary>
public static class RunAudit
{
    public static void RecordTrigger(RunStoreContext db, Actor actor, PipelineRunRecord run) =>
        AuditTrail.Record(db, actor, "run.trigger", run.Pipeline, run.CreatedAt, runId: run.Id,
            details: $"{run.Trigger}" + (run.Partition is { } day ? $", partition {day:yyyy-MM-dd}" : ""));
}
