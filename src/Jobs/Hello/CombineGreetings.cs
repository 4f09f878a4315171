using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs.Hello;

/// <summary>The sample's fan-in: runs once both branches have succeeded.</summary>
public sealed class CombineGreetings : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        var lines = context.UpstreamOutputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value);
        var combined = string.Join(" / ", lines);
        context.Logger.LogInformation("Combined: {Combined}", combined);
        context.Progress.Report(1);
        return Task.FromResult(new JobResult(combined));
    }
}
