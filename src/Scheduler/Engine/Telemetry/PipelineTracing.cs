using System.Diagnostics;
using Pipeline.Scheduler.Engine.Execution;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>
/// The engine's spans (activity source "Pipeline"). A run is one trace: its id is the run's id, so every host
/// that runs one of its attempts puts its span in the same trace without passing anything along. Each attempt
/// is a span under the run; HTTP calls and SQL inside the job nest under the attempt.
/// </summary>
public sealed class PipelineTracing(PipelineMetrics metrics, TimeProvider clock) : IDisposable
{
    public const string SourceName = "Pipeline";

    public const string TaskRunIdTag = "pipeline.task_run_id";
    public const string PipelineTag = "pipeline.name";
    public const string TaskTag = "pipeline.task";
    public const string OutcomeTag = "pipeline.attempt.outcome";

    private readonly ActivitySource _source = new(SourceName);

    /// <summary>The trace of a run, and the span id its attempts hang from (the run itself, never exported).</summary>
    public static ActivityContext RunContext(Guid runId)
    {
        Span<byte> bytes = stackalloc byte[16];
        runId.TryWriteBytes(bytes, bigEndian: true, out _);
        return new ActivityContext(ActivityTraceId.CreateFromBytes(bytes), ActivitySpanId.CreateFromBytes(bytes[8..]),
            ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>Starts the attempt's span and clock; disposing it ends both (one `using` in the task runner).</summary>
    public AttemptSpan StartAttempt(AttemptStart start, Guid taskRunId, string host)
    {
        var activity = _source.StartActivity($"{start.Pipeline.Name}.{start.Task.Name}", ActivityKind.Internal, RunContext(start.RunId));
        activity?.SetTag(PipelineTag, start.Pipeline.Name)
            .SetTag("pipeline.run_id", start.RunId.ToString())
            .SetTag("pipeline.partition", start.Partition?.ToString())
            .SetTag(TaskTag, start.Task.Name)
            .SetTag(TaskRunIdTag, taskRunId.ToString())
            .SetTag("pipeline.attempt", start.Attempt)
            .SetTag("pipeline.host", host);
        return new AttemptSpan(activity, metrics, start.Pipeline.Name, start.Task.Name, clock);
    }

    public void Dispose() => _source.Dispose();
}

/// <summary>One attempt's span and duration; the outcome is tagged when the attempt's end commits.</summary>
public sealed class AttemptSpan(Activity? activity, PipelineMetrics metrics, string pipeline, string task, TimeProvider clock) : IDisposable
{
    private readonly long _started = clock.GetTimestamp();

    public void Dispose()
    {
        metrics.AttemptRan(pipeline, task, clock.GetElapsedTime(_started));
        activity?.Dispose();
    }
}
