namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Where people see a run and a pipeline (the dashboard's pages), as absolute addresses for notifications.</summary>
public interface IRunLinks
{
    string Run(Guid runId);

    string Pipeline(string pipeline);
}
