namespace Pipeline.Tests.Support;

/// <summary>
/// Tests whose point is a wall-clock figure a user sees (a page shows a change within N s). They run alone, after
/// the parallel tests: with the whole suite sharing two cores a figure measures the load, not the product.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockCollection
{
    public const string Name = "wall-clock figures";
}
