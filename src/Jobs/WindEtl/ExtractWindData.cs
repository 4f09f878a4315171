using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Apis.WindSource;
using Pipeline.Connectors.WindTarget;
using Polly.Timeout;
using Refit;

namespace Pipeline.Jobs.WindEtl;

/// <summary>
/// Reads the day's wind speed and power through the source API (the only way to the source database) and
/// stages them in the target database for the tasks after it.
/// </summary>
public sealed class ExtractWindData(WindSourceClient client, WindTargetStore target) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var ct = context.CancellationToken;
        var (start, end) = WindDay.Of(context);
        var api = await client.CreateAsync(ct);
        List<SourceApiRow> rows;
        try
        {
            rows = await api.GetDataAsync(Iso(start), Iso(end), "wind_speed,power", ct);
        }
        catch (ApiException unreadable) when ((int)unreadable.StatusCode < 300)
        {
            // A 200 whose body is not the rows: the answer was cut short (the source failed while it streamed).
            throw new SourceApiUnavailableException(
                $"The source API's answer could not be read: {unreadable.InnerException?.Message ?? unreadable.Message}", unreadable);
        }
        catch (ApiException refused)
        {
            throw new SourceApiUnavailableException(
                $"The source API answered {(int)refused.StatusCode} {refused.ReasonPhrase}: {refused.Content}", refused);
        }
        catch (Exception failed) when (failed is ApiRequestException or HttpRequestException or SocketException or TimeoutRejectedException)
        {
            // Refit wraps transport failures (connection refused, a timeout) in ApiRequestException.
            var cause = failed is ApiRequestException { InnerException: { } inner } ? inner : failed;
            throw new SourceApiUnavailableException(
                $"The source API could not be reached (after the client's retries): {cause.Message}", failed);
        }
        context.Progress.Report(0.7);

        var minutes = rows.Select(r => new StagedMinute(r.Timestamp.UtcDateTime, r.WindSpeed, r.Power)).ToList();
        await target.StageMinutesAsync(start, end, minutes, ct);
        context.Logger.LogInformation("Extracted {Rows} minutes from {Start:u} to {End:u} (a full day has {Expected})",
            minutes.Count, start, end, (int)(end - start).TotalMinutes);
        return new JobResult(JsonSerializer.Serialize(new { minutes = minutes.Count }));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
