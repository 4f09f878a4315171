using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Fact]
    public void The_wait_doubles_after_each_failure_until_the_cap()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

        var waits = Enumerable.Range(1, 6).Select(policy.DelayAfter).Select(d => d.TotalSeconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 60, 60], waits);
    }

    [Fact]
    public void A_very_late_attempt_does_not_overflow()
    {
        var policy = new RetryPolicy(1000, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromHours(1), policy.DelayAfter(500));
    }
}
