namespace Pipeline.Tests.Support;

/// <summary>
/// Tests that read what every host in the test process shares (its resident memory, its meters by name). They run one at
/// a time, after the parallel tests, when no other test's host is starting, growing its heap or disposing its meters.
/// Tests whose point is a wall-clock figure go in <see cref="WallClockCollection"/>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
