namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>Who made a change, as the audit trail names them: the channel and the person or address.</summary>
public sealed record Actor
{
    private const int MaxLength = 300;

    public Actor(string name) => Name = name.Length <= MaxLength ? name : name[..MaxLength];

    public string Name { get; }

    /// <summary>The person at this command line, on this machine.</summary>
    public static Actor CommandLine() => new($"cli:{Environment.UserName}@{Environment.MachineName}");

    public override string ToString() => Name;
}
