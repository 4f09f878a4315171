namespace Pipeline.Scheduler.Engine.Store;

/// <summary>A machine's API key (Access/ApiKeys): its public id, a hash of its secret, its role and its life.</summary>
public sealed class ApiKeyRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }
    /// <summary>viewer, operator, admin or operator:PIPELINE.</summary>
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
