namespace Pipeline.Scheduler.Access;

/// <summary>The host would be reachable from other machines with no way for anyone there to sign in.</summary>
public sealed class AccessConfigurationException(string message) : Exception(message);
