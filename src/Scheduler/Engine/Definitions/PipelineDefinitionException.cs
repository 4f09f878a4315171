namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>A pipeline definition that cannot run: a cycle, an unknown upstream, a duplicate name.</summary>
public sealed class PipelineDefinitionException(string message) : Exception(message);
