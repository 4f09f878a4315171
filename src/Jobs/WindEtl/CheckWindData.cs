using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.WindTarget;

namespace Pipeline.Jobs.WindEtl;

/// <summary>
/// Counts the day's missing minutes, nulls and impossible values and logs each finding; fails the run when
/// the bad minutes exceed <see cref="WindEtlOptions.MaxBadShare"/>, so such a day is never loaded.
/// </summary>
public sealed class CheckWindData(WindTargetStore target, IOptions<WindEtlOptions> options) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var (start, end) = WindDay.Of(context);
        var minutes = await target.ReadStagedMinutesAsync(start, end, context.CancellationToken);
        var report = QualityReport.Of(minutes, start, end, options.Value.Limits);
        foreach (var finding in report.Findings())
            context.Logger.LogWarning("Quality: {Finding}", finding);

        var limit = options.Value.MaxBadShare;
        if (report.BadShare > limit)
        {
            var hint = minutes.Count == 0 ? " The source has no data for this day: fill it with `seed-source`." : "";
            throw new DataQualityException(
                $"{report.Summary()}; at most {QualityReport.Percent(limit)} are accepted.{hint}");
        }

        context.Logger.LogInformation("Quality: {Summary}", report.Summary());
        return new JobResult(JsonSerializer.Serialize(new
        {
            expected = report.ExpectedMinutes,
            bad = report.BadMinutes,
            missing = report.Missing.Count,
            nulls = report.NullWindSpeed.Count + report.NullPower.Count,
            impossible = report.ImpossibleWindSpeed.Count + report.ImpossiblePower.Count,
        }));
    }
}
