using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <param name="Days">For each partitioned pipeline, by name.</param>
/// <param name="Form">A refused form to show again with what was typed, or null.</param>
public sealed record PipelinesPageModel(
    IReadOnlyList<PipelineView> Pipelines,
    IReadOnlyDictionary<string, PartitionDays> Days,
    Page<RunSummary> RecentRuns,
    PageAlert? Alert,
    SubmittedForm? Form);
