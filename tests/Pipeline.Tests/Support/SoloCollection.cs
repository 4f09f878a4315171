namespace Pipeline.Tests.Support;

/// <summary>
/// Tests that must have the test process to themselves: they read what every host in the process shares (its resident
/// memory, its meters by name) or measure a wall-clock figure. They run one at a time, after the parallel tests, when
/// no other test's host is starting, loading the cores or disposing its meters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
