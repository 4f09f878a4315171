using System.Globalization;
using System.Text;
using Pipeline.Bench.Hosting;

namespace Pipeline.Bench.Measuring;

/// <summary>
/// Renders the results as one markdown table: a row per metric, and per storage the median, min and
/// max over the repetitions (n of them, shown with the scenario), scenarios in the order of their numbers.
/// </summary>
public static class MarkdownTable
{
    public static string Render(Results results, IReadOnlyList<StorageKind> storages)
    {
        var text = new StringBuilder();
        text.Append("| Scenario | Metric |");
        foreach (var storage in storages) text.Append($" {Title(storage)} median | min | max |");
        text.AppendLine();
        text.Append("|---|---|");
        foreach (var _ in storages) text.Append("---:|---:|---:|");
        text.AppendLine();

        string? previousScenario = null;
        // Scenario labels start with their number ("1.", "1b.", "2."), so ordinal order is reading order.
        foreach (var metric in results.Metrics.OrderBy(m => m.Scenario, StringComparer.Ordinal))
        {
            var scenarioCell = metric.Scenario == previousScenario ? "" : $"{metric.Scenario} (n={Repetitions(results, metric, storages)})";
            previousScenario = metric.Scenario;
            text.Append($"| {scenarioCell} | {metric.Label} |");
            foreach (var storage in storages)
            {
                var values = results.Values(metric, storage);
                if (values.Count == 0)
                    text.Append(" – | – | – |");
                else
                    text.Append($" {Format(metric, Stats.Median(values))} | {Format(metric, values.Min())} | {Format(metric, values.Max())} |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Title(StorageKind storage) => storage switch
    {
        StorageKind.Embedded => "Embedded",
        StorageKind.Postgres => "PostgreSQL",
        _ => storage.ToString(),
    };

    private static int Repetitions(Results results, Metric metric, IReadOnlyList<StorageKind> storages) =>
        storages.Max(s => results.Values(metric, s).Count);

    private static string Format(Metric metric, double value) => value.ToString(metric.Format, CultureInfo.InvariantCulture);
}
