namespace Pipeline.Connectors.Alerts;

/// <summary>The broker is unreachable, or refused or did not confirm some messages.</summary>
public sealed class AlertQueueException(string message, Exception? inner = null) : Exception(message, inner);
