using Pipeline.Jobs;

namespace Pipeline.Tests.Notifications;

/// <summary>Fails every attempt, as a day whose source is gone would.</summary>
public sealed class AlwaysFailingJob : IJob
{
    public Task<JobResult> RunAsync(JobContext context) =>
        throw new InvalidOperationException($"no data for {context.Partition?.Date:yyyy-MM-dd}");
}
