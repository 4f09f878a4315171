using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.WindTarget;

namespace Pipeline.Jobs.WindEtl;

/// <summary>Replaces the day's rows of the target table <c>data</c> with the staged aggregates, in one transaction.</summary>
public sealed class LoadWindData(WindTargetStore target) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var (start, end) = WindDay.Of(context);
        var rows = await target.LoadAsync(start, end, context.CancellationToken);
        context.Logger.LogInformation("Loaded {Rows} rows into data for {Start:u} to {End:u}", rows, start, end);
        return new JobResult(JsonSerializer.Serialize(new { rows }));
    }
}
