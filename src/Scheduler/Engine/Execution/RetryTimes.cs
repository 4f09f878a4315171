namespace Pipeline.Scheduler.Engine.Execution;

public static class RetryTimes
{
    /// <summary>
    /// Hangfire keeps scheduled times in whole seconds (truncated), so the time is rounded up to the next
    /// second: the wait is never shorter than the policy's, and at most a second longer.
    /// </summary>
    public static DateTime After(TimeSpan delay)
    {
        var at = DateTime.UtcNow + delay;
        var remainder = at.Ticks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? at : at.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }
}
