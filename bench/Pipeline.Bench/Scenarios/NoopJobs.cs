namespace Pipeline.Bench.Scenarios;

/// <summary>The job of the raw Hangfire scenario: a static method that does nothing.</summary>
public static class NoopJobs
{
    public static void Noop()
    {
    }
}
