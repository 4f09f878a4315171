using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs.Hello;

/// <summary>The first task of the sample: chooses the word the others will use.</summary>
public sealed class PickGreeting : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        var greeting = context.Parameters.GetValueOrDefault("greeting", "Hello");
        context.Logger.LogInformation("Picked the greeting {Greeting}", greeting);
        return Task.FromResult(new JobResult(greeting));
    }
}
