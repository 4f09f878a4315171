namespace Pipeline.Scheduler.Dashboard;

/// <summary>What the run page's buttons ask of a run.</summary>
public enum RunAction
{
    Cancel,
    Resume,
    /// <summary>Start a queued run although its pipeline is paused.</summary>
    Start,
}
