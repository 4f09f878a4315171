namespace Pipeline.Jobs.Breweries;

/// <summary>A data-quality gate between two layers failed; the message says what and by how much.</summary>
public sealed class DataQualityException(string message) : Exception(message), IPermanentFailure;
