namespace Pipeline.Jobs.WindEtl;

/// <summary>The source API could not be reached, or refused the request, after the client's own retries.</summary>
public sealed class SourceApiUnavailableException(string message, Exception inner) : Exception(message, inner);
