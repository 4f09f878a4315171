namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>Every pipeline the host knows, validated once when the catalog is built.</summary>
public sealed class PipelineCatalog
{
    private readonly Dictionary<string, PipelineDefinition> _pipelines;

    public PipelineCatalog(IEnumerable<PipelineDefinition> pipelines)
    {
        var list = pipelines.ToList();
        DagValidator.ValidateCatalog(list);
        _pipelines = list.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<PipelineDefinition> All => _pipelines.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

    public PipelineDefinition? Find(string name) => _pipelines.GetValueOrDefault(name);

    public PipelineDefinition Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"There is no pipeline named '{name}'.");

    public IEnumerable<string> Queues => _pipelines.Values.SelectMany(p => p.Tasks).Select(t => t.Queue).Append("default").Distinct();
}
