using Pipeline.Jobs.Hello;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>
/// The sample a new user runs first: a diamond (fan-out to two greetings, fan-in to combine them) in
/// which greet_team fails its first attempt and succeeds on the retry two seconds later.
/// </summary>
public sealed class HelloPipeline : IPipelineProvider
{
    public PipelineDefinition Define() => new PipelineBuilder("hello")
        .Describe("A diamond of four small tasks: fan-out, fan-in, and one retry.")
        .PartitionedDaily(new DateOnly(2023, 1, 1))
        .Schedule("0 1 * * *")
        .MaxConcurrentRuns(16)
        .DefaultRetry(new RetryPolicy(Attempts: 3, InitialDelay: TimeSpan.FromSeconds(2), MaxDelay: TimeSpan.FromSeconds(30)))
        .DefaultTimeout(TimeSpan.FromMinutes(1))
        .Task<PickGreeting>("pick_greeting")
        .Task<GreetWorld>("greet_world", after: ["pick_greeting"])
        .Task<GreetTeam>("greet_team", after: ["pick_greeting"])
        .Task<CombineGreetings>("combine", after: ["greet_world", "greet_team"])
        .Build();
}
