using Microsoft.Extensions.Logging;

namespace Pipeline.Jobs;

/// <summary>Everything a job may know about the run it is part of.</summary>
public sealed record JobContext
{
    public required Guid RunId { get; init; }
    public required string Pipeline { get; init; }
    public required string Task { get; init; }

    /// <summary>The day this run processes, or null for an unpartitioned pipeline.</summary>
    public DailyPartition? Partition { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Outputs of the upstream tasks, by task name.</summary>
    public IReadOnlyDictionary<string, string?> UpstreamOutputs { get; init; } = new Dictionary<string, string?>();

    /// <summary>1 for the first attempt of this task in the current round of the run.</summary>
    public required int Attempt { get; init; }

    /// <summary>Lines logged here are kept with the task run's attempt and shown in the dashboard.</summary>
    public required ILogger Logger { get; init; }

    /// <summary>Reports how far the task has come, from 0 to 1.</summary>
    public required IProgress<double> Progress { get; init; }

    /// <summary>Fires when the run is cancelled, the task times out or the host stops.</summary>
    public required CancellationToken CancellationToken { get; init; }
}
