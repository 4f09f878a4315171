namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>
/// How often a task is tried and how long to wait between tries: the wait doubles after each
/// failure, starting at <see cref="InitialDelay"/> and never exceeding <see cref="MaxDelay"/>.
/// </summary>
public sealed record RetryPolicy(int Attempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    /// <summary>The wait after the given failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        if (failedAttempt < 1) throw new ArgumentOutOfRangeException(nameof(failedAttempt));
        var exponent = Math.Min(failedAttempt - 1, 30);
        var ticks = InitialDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
