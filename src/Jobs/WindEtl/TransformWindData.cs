using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.WindTarget;

namespace Pipeline.Jobs.WindEtl;

/// <summary>Aggregates the staged minutes into 10-minute windows (see <see cref="TenMinuteWindows"/>) and stages them.</summary>
public sealed class TransformWindData(WindTargetStore target, IOptions<WindEtlOptions> options) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var (start, end) = WindDay.Of(context);
        var minutes = await target.ReadStagedMinutesAsync(start, end, ct);
        var values = TenMinuteWindows.Aggregate(minutes, start, end, options.Value.Limits);
        await target.StageWindowsAsync(start, end, values, ct);
        var windows = (int)Math.Ceiling((end - start) / TenMinuteWindows.Width);
        context.Logger.LogInformation("Aggregated {Minutes} minutes into {Windows} windows: {Values} values", minutes.Count, windows, values.Count);
        return new JobResult(JsonSerializer.Serialize(new { windows, values = values.Count }));
    }
}
