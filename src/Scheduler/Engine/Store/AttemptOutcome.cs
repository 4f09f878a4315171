namespace Pipeline.Scheduler.Engine.Store;

public enum AttemptOutcome
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    /// <summary>Its host stopped renewing the lease (it died or lost the run store); the task was retried elsewhere.</summary>
    Lost,
    /// <summary>Its host stopped cleanly before the attempt ended and queued the task again; not counted against retries.</summary>
    HandedBack,
    Cancelled,
}
