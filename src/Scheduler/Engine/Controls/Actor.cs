namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// Who made a change, as the audit trail names them: the channel and the person, key or address; and where the
/// request came from (null on the command line).
/// </summary>
public sealed record Actor
{
    private const int MaxLength = 300;
    private const int MaxAddressLength = 64;

    public Actor(string name, string? address = null)
    {
        Name = name.Length <= MaxLength ? name : name[..MaxLength];
        Address = address is { Length: > MaxAddressLength } ? address[..MaxAddressLength] : address;
    }

    public string Name { get; }
    public string? Address { get; }

    /// <summary>The person at this command line, on this machine.</summary>
    public static Actor CommandLine() => new($"cli:{Environment.UserName}@{Environment.MachineName}");

    public override string ToString() => Name;
}
