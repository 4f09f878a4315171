using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Lake;

namespace Pipeline.Jobs;

/// <summary>
/// Runs a job's work so that a failure also leaves its error log in the lake, under
/// <c>&lt;layer&gt;/logs/date=YYYY-MM-DD/&lt;task&gt;-&lt;time&gt;-attempt&lt;n&gt;.log</c>, one object per failed
/// attempt (the run's task log has it too). A cancelled run is not a failure and writes nothing.
/// </summary>
public static class LayerErrorLog
{
    public static async Task<T> RunAsync<T>(ILakeBucket bucket, string logFolder, JobContext context, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception error) when (!(error is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            var key = $"{logFolder}{context.Task}-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-attempt{context.Attempt}.log";
            try
            {
                // Not the job's token: a timed-out attempt should still leave its log.
                using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await bucket.PutTextAsync(key, Describe(context, error), budget.Token);
                context.Logger.LogError("Error log written to the lake: {Bucket}/{Key}", bucket.Name, key);
            }
            catch (Exception logFailure)
            {
                context.Logger.LogWarning("Could not write the error log to the lake ({Bucket}/{Key}): {Error}", bucket.Name, key, logFailure.Message);
            }
            throw;
        }
    }

    private static string Describe(JobContext context, Exception error) => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"time:      {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff} UTC")
        .AppendLine(CultureInfo.InvariantCulture, $"pipeline:  {context.Pipeline}")
        .AppendLine(CultureInfo.InvariantCulture, $"task:      {context.Task}")
        .AppendLine(CultureInfo.InvariantCulture, $"run:       {context.RunId}")
        .AppendLine(CultureInfo.InvariantCulture, $"partition: {context.Partition?.ToString() ?? "none"}")
        .AppendLine(CultureInfo.InvariantCulture, $"attempt:   {context.Attempt}")
        .AppendLine(CultureInfo.InvariantCulture, $"error:     {error.GetType().Name}: {error.Message}")
        .AppendLine()
        .AppendLine(error.ToString())
        .ToString();
}
