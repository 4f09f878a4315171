using System.Collections;
using Pipeline.Scheduler.Engine.Execution;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>
/// The log scope of one task attempt: every line a job writes carries the run, pipeline, task and
/// attempt, as named fields in the JSON console format and as one short text in the plain one.
/// </summary>
public sealed class AttemptLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields;
    private readonly string _text;

    private AttemptLogScope(Guid runId, string pipeline, string task, Guid taskRunId, int attempt)
    {
        _fields =
        [
            new("RunId", runId),
            new("Pipeline", pipeline),
            new("Task", task),
            new("TaskRunId", taskRunId),
            new("Attempt", attempt),
        ];
        _text = $"run {runId} {pipeline}.{task} attempt {attempt}";
    }

    public static AttemptLogScope Of(AttemptStart start, Guid taskRunId) =>
        new(start.RunId, start.Pipeline.Name, start.Task.Name, taskRunId, start.Attempt);

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _text;
}
