namespace Pipeline.Scheduler.Engine;

/// <summary>A request the engine refuses, with the field to blame: a 400 on the API, a message on the CLI.</summary>
public sealed class InvalidRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
