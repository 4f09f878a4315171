using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>How a backfill is asked for beyond its range: who asks, and its own lower limit on runs at once.</summary>
public sealed record BackfillSettings(Actor? CreatedBy, int? MaxConcurrentRuns)
{
    public void Validate(PipelineDefinition pipeline)
    {
        if (MaxConcurrentRuns is { } limit && (limit < 1 || limit > pipeline.MaxConcurrentRuns))
            throw new InvalidRequestException("maxConcurrentRuns",
                $"'maxConcurrentRuns' must be between 1 and the pipeline's own limit, {pipeline.MaxConcurrentRuns}.");
    }
}
