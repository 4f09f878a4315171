namespace Pipeline.Scheduler.Dashboard;

/// <summary>What the run page's buttons ask of a run.</summary>
public enum RunAction
{
    Cancel,
    Resume,
}
