namespace Pipeline.Bench;

/// <summary>The scenarios whose peak memory the bench reports, each of which can run alone (<c>--only</c>).</summary>
public enum BenchScenario
{
    Diamond,
    Large,
    Raw,
    Wind,
}
