namespace Pipeline.Jobs.AirQuality;

/// <summary>The UCI Air Quality CSV shipped inside this assembly, so the pipeline runs with nothing to download.</summary>
public static class BundledDataset
{
    public const string FileName = "AirQualityUCI.csv";
    private const string ResourceName = "Pipeline.Jobs.AirQuality.AirQualityUCI.csv";

    public static Stream Open() =>
        typeof(BundledDataset).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(BundledDataset).Assembly.GetName().Name}.");
}
