using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Access.ApiKeys;

/// <summary>API keys in the run store: made, listed, revoked (each change in the audit trail) and checked.</summary>
public sealed class ApiKeyStore(IDbContextFactory<RunStoreContext> store, TimeProvider clock)
{
    /// <summary>The audit trail files changes to keys under this name instead of a pipeline's.</summary>
    public const string AuditSubject = "";

    public const int MaxNameLength = 100;

    public sealed record Created(ApiKeyView View, string Key);

    public async Task<Created> CreateAsync(string? name, string? role, DateTime? expiresAt, Actor actor, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            throw new InvalidRequestException("name", $"A key needs a name of 1 to {MaxNameLength} characters.");
        if (!RoleGrant.TryParse(role, out var grant))
            throw new InvalidRequestException("role", $"'{role}' is not a role; use {RoleGrant.Forms}.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (expiresAt is { } expiry && expiry.ToUniversalTime() <= now)
            throw new InvalidRequestException("expiresAt", "'expiresAt' must be in the future.");

        var made = ApiKeyFormat.Create();
        var record = new ApiKeyRecord
        {
            Id = made.Id,
            Name = name,
            SecretHash = made.SecretHash,
            Role = grant.ToString(),
            CreatedAt = now,
            CreatedBy = actor.Name,
            ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        await using var db = await store.CreateDbContextAsync(ct);
        db.ApiKeys.Add(record);
        AuditTrail.Record(db, actor, "api-key.create", AuditSubject, now, details: $"key {record.Id} '{record.Name}' as {record.Role}" +
            (record.ExpiresAt is { } until ? $" until {until:yyyy-MM-dd HH:mm}Z" : ""));
        await db.SaveChangesAsync(ct);
        return new Created(ApiKeyView.From(record, now), made.Key);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var records = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        return records.OrderByDescending(k => k.CreatedAt).Select(k => ApiKeyView.From(k, now)).ToList();
    }

    /// <summary>The key, revoked from now on; null for an unknown id. Revoking a revoked key changes (and records) nothing.</summary>
    public async Task<ApiKeyView?> RevokeAsync(string id, Actor actor, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var record = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (record is null) return null;
        if (record.RevokedAt is null)
        {
            record.RevokedAt = now;
            record.RevokedBy = actor.Name;
            AuditTrail.Record(db, actor, "api-key.revoke", AuditSubject, now, details: $"key {record.Id} '{record.Name}'");
            await db.SaveChangesAsync(ct);
        }
        return ApiKeyView.From(record, now);
    }

    /// <summary>The key's record when it is known, unrevoked and unexpired; otherwise why not.</summary>
    public async Task<(ApiKeyRecord? Key, string? Refusal)> CheckAsync(string presented, CancellationToken ct)
    {
        if (!ApiKeyFormat.TryParse(presented, out var id, out var secret)) return (null, "The API key is malformed.");
        await using var db = await store.CreateDbContextAsync(ct);
        var record = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, ct);
        if (record is null || !ApiKeyFormat.Matches(secret, record.SecretHash)) return (null, "Unknown API key.");
        if (record.RevokedAt is not null) return (null, $"API key {id} was revoked.");
        if (record.ExpiresAt <= clock.GetUtcNow().UtcDateTime) return (null, $"API key {id} has expired.");
        return (record, null);
    }

    /// <summary>Whether any key could let a caller in (the start-up check counts keys as configured access).</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys.AnyAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
    }
}

public sealed record ApiKeyView(
    string Id, string Name, string Role, string State, DateTime CreatedAt, string CreatedBy,
    DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedBy)
{
    public static ApiKeyView From(ApiKeyRecord k, DateTime now) =>
        new(k.Id, k.Name, k.Role, k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active",
            k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt, k.RevokedBy);
}
