using Pipeline.Jobs;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Tests.Unit;

public sealed class DagValidatorTests
{
    private sealed class Noop : IJob
    {
        public Task<JobResult> RunAsync(JobContext context) => Task.FromResult(JobResult.Empty);
    }

    [Fact]
    public void A_diamond_is_accepted()
    {
        var diamond = new PipelineBuilder("diamond")
            .Task<Noop>("a").Task<Noop>("b", after: ["a"]).Task<Noop>("c", after: ["a"]).Task<Noop>("d", after: ["b", "c"])
            .Build();

        DagValidator.Validate(diamond);
    }

    [Fact]
    public void The_shipped_pipelines_are_valid()
    {
        var catalog = new PipelineCatalog(PipelineRegistration.All(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));

        Assert.Contains(catalog.All, p => p.Name == "hello");
    }

    [Fact]
    public void A_cycle_is_rejected_with_its_path()
    {
        var cyclic = new PipelineBuilder("loop")
            .Task<Noop>("start")
            .Task<Noop>("a", after: ["start", "c"]).Task<Noop>("b", after: ["a"]).Task<Noop>("c", after: ["b"])
            .Build();

        var error = Assert.Throws<PipelineDefinitionException>(() => DagValidator.Validate(cyclic));

        Assert.Contains("Pipeline 'loop' has a cycle", error.Message);
        Assert.Contains("a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void A_task_depending_on_itself_is_rejected()
    {
        var selfish = new PipelineBuilder("selfish").Task<Noop>("a", after: ["a"]).Build();

        var error = Assert.Throws<PipelineDefinitionException>(() => DagValidator.Validate(selfish));

        Assert.Contains("'selfish.a' depends on itself", error.Message);
    }

    [Fact]
    public void An_unknown_upstream_is_rejected_by_name()
    {
        var broken = new PipelineBuilder("broken").Task<Noop>("load", after: ["extrct"]).Build();

        var error = Assert.Throws<PipelineDefinitionException>(() => DagValidator.Validate(broken));

        Assert.Equal("Task 'broken.load' depends on 'extrct', which is not a task of the pipeline.", error.Message);
    }

    [Fact]
    public void A_duplicate_task_name_is_rejected()
    {
        var twice = new PipelineBuilder("twice").Task<Noop>("load").Task<Noop>("load").Build();

        var error = Assert.Throws<PipelineDefinitionException>(() => DagValidator.Validate(twice));

        Assert.Equal("Pipeline 'twice' has two tasks named 'load'.", error.Message);
    }

    [Fact]
    public void A_duplicate_pipeline_name_stops_the_catalog()
    {
        var one = new PipelineBuilder("same").Task<Noop>("a").Build();

        var error = Assert.Throws<PipelineDefinitionException>(() => new PipelineCatalog([one, one]));

        Assert.Equal("Two pipelines are named 'same'.", error.Message);
    }

    [Theory]
    [InlineData("Has Space")]
    [InlineData("UPPER")]
    [InlineData("../escape")]
    [InlineData("")]
    public void Names_that_would_break_urls_or_keys_are_rejected(string name)
    {
        var pipeline = new PipelineBuilder(name).Task<Noop>("a").Build();

        Assert.Throws<PipelineDefinitionException>(() => DagValidator.Validate(pipeline));
    }

    [Fact]
    public void A_task_that_may_never_be_tried_is_rejected()
    {
        var never = new PipelineBuilder("never").Task<Noop>("a", retry: new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero)).Build();

        var error = Assert.Throws<PipelineDefinitionException>(() => DagValidator.Validate(never));

        Assert.Contains("'never.a' must be tried at least once", error.Message);
    }
}
