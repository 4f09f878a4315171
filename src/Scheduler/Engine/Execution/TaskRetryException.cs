namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Thrown out of a task's Hangfire job when the attempt failed and the task's policy allows another:
/// <see cref="TaskJobFilter"/> turns the failure into Hangfire's scheduled state after <see cref="Delay"/>.
/// </summary>
public sealed class TaskRetryException(TimeSpan delay, int attempt, int maxAttempts, Exception inner)
    : Exception($"Attempt {attempt} of {maxAttempts} failed: {inner.Message}", inner)
{
    public TimeSpan Delay { get; } = delay;
    public int Attempt { get; } = attempt;
    public int MaxAttempts { get; } = maxAttempts;
}
