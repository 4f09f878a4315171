namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>Thrown out of a task's Hangfire job when its last allowed attempt failed.</summary>
public sealed class TaskFailedException(string message, Exception inner) : Exception(message, inner);
