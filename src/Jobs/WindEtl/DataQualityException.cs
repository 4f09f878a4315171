namespace Pipeline.Jobs.WindEtl;

/// <summary>A day has more bad minutes than the pipeline accepts.</summary>
public sealed class DataQualityException(string message) : Exception(message), IPermanentFailure;
