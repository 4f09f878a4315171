using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs.Hello;

/// <summary>One branch of the sample's fan-out.</summary>
public sealed class GreetWorld : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        var line = $"{context.UpstreamOutputs["pick_greeting"]}, world";
        context.Logger.LogInformation("{Line}", line);
        return Task.FromResult(new JobResult(line));
    }
}
