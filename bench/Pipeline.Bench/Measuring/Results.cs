using Pipeline.Bench.Hosting;

namespace Pipeline.Bench.Measuring;

/// <summary>Every value measured, one list per metric and storage, in the order metrics were first seen.</summary>
public sealed class Results
{
    private readonly List<Metric> _metrics = [];
    private readonly Dictionary<(Metric, StorageKind), List<double>> _values = [];

    public IReadOnlyList<Metric> Metrics => _metrics;

    public void Add(Metric metric, StorageKind storage, double value)
    {
        if (!_metrics.Contains(metric)) _metrics.Add(metric);
        if (!_values.TryGetValue((metric, storage), out var list)) _values[(metric, storage)] = list = [];
        list.Add(value);
    }

    public IReadOnlyCollection<double> Values(Metric metric, StorageKind storage) =>
        _values.TryGetValue((metric, storage), out var list) ? list : [];
}
