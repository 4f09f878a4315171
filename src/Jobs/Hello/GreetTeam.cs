using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs.Hello;

/// <summary>
/// The other branch of the sample's fan-out. It fails on its first attempt on purpose, so a new user
/// sees a retry with backoff in the first minute. With the parameter team=absent it fails every attempt,
/// to show what a failed run looks like (combine becomes upstream-failed).
/// </summary>
public sealed class GreetTeam : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        if (context.Parameters.GetValueOrDefault("team") == "absent")
            throw new InvalidOperationException("The team is absent (parameter team=absent).");

        if (context.Attempt == 1)
        {
            context.Logger.LogWarning("The team is not listening yet; this first attempt fails on purpose");
            throw new InvalidOperationException("The team did not answer (the sample fails its first attempt on purpose).");
        }

        var line = $"{context.UpstreamOutputs["pick_greeting"]}, team";
        context.Logger.LogInformation("{Line} (attempt {Attempt})", line, context.Attempt);
        return Task.FromResult(new JobResult(line));
    }
}
