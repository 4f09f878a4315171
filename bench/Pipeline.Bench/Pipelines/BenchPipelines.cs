using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Bench.Pipelines;

/// <summary>The pipelines a bench host knows: the shipped ones (hello) plus a diamond of no-op tasks.</summary>
public static class BenchPipelines
{
    public const string Diamond = "bench_diamond";
    public const string SerialDiamond = "bench_diamond_serial";
    public const string Hello = "hello";
    public const int DiamondTasks = 4;
    /// <summary>Far enough back for a 10,000-day backfill to end before today (the engine refuses future days).</summary>
    public static readonly DateOnly DiamondStart = new(1990, 1, 1);
    public static readonly DateOnly HelloStart = new(2023, 1, 1);

    public static IEnumerable<PipelineDefinition> All(int maxConcurrentRuns) =>
        PipelineRegistration.All(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Append(DiamondPipeline(Diamond, maxConcurrentRuns)).Append(DiamondPipeline(SerialDiamond, 1));

    /// <summary>The hello pipeline as shipped (its limit and retry policy are whatever src/ says today).</summary>
    public static PipelineDefinition ShippedHello() => PipelineRegistration.All(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Single(p => p.Name == Hello);

    private static PipelineDefinition DiamondPipeline(string name, int maxConcurrentRuns) => new PipelineBuilder(name)
        .Describe("Four no-op tasks: start, two branches, join.")
        .PartitionedDaily(DiamondStart)
        .MaxConcurrentRuns(maxConcurrentRuns)
        .DefaultRetry(RetryPolicy.None)
        .Task<NoopJob>("start")
        .Task<NoopJob>("left", after: ["start"])
        .Task<NoopJob>("right", after: ["start"])
        .Task<NoopJob>("join", after: ["left", "right"])
        .Build();
}
