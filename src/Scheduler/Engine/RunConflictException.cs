namespace Pipeline.Scheduler.Engine;

/// <summary>An action the run's current state does not allow (resuming a run that succeeded, say): a 409.</summary>
public sealed class RunConflictException(string message) : Exception(message);
