namespace Pipeline.Connectors.Lake;

/// <summary>The lake could not do what was asked (unreachable after retries, refused, or a conflicting path).</summary>
public class LakeException(string message, Exception? inner = null) : Exception(message, inner);
