using System.Net;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access;

public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.Username) || !string.IsNullOrEmpty(options.Password))
            errors.Add("Access:Username and Access:Password are no longer read: configure Access:Users:NAME:PasswordHash " +
                       "(from `dotnet run --project src/Scheduler -- hash-password`) and Access:Users:NAME:Role instead (docs/access.md).");
        if (options.LocalRole != AccessOptions.NoRole && !RoleGrant.TryParse(options.LocalRole, out _))
            errors.Add($"Access:LocalRole '{options.LocalRole}' is not a role; use {RoleGrant.Forms} or {AccessOptions.NoRole}.");
        if (!RoleGrant.TryParse(options.AnonymousRemoteRole, out _))
            errors.Add($"Access:AnonymousRemoteRole '{options.AnonymousRemoteRole}' is not a role; use {RoleGrant.Forms}.");
        foreach (var (user, settings) in options.Users)
        {
            if (string.IsNullOrWhiteSpace(user) || user.Contains(':'))
                errors.Add($"Access:Users: '{user}' cannot be a Basic user name (empty, or with ':').");
            if (string.IsNullOrWhiteSpace(settings.PasswordHash))
                errors.Add($"Access:Users:{user}:PasswordHash is empty; make one with the hash-password command.");
            else if (!PasswordHashes.LooksValid(settings.PasswordHash))
                errors.Add($"Access:Users:{user}:PasswordHash is not a hash made by the hash-password command.");
            if (!RoleGrant.TryParse(settings.Role, out _))
                errors.Add($"Access:Users:{user}:Role '{settings.Role}' is not a role; use {RoleGrant.Forms}.");
        }
        foreach (var proxy in options.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
                errors.Add($"Access:KnownProxies: '{proxy}' is neither an address nor a network (10.0.0.0/8).");
        }
        ValidateOidc(options, errors);
        if (options.IngestRateLimit.PermitLimit < 1)
            errors.Add("Access:IngestRateLimit:PermitLimit must be at least 1.");
        if (options.IngestRateLimit.Window <= TimeSpan.Zero)
            errors.Add("Access:IngestRateLimit:Window must be positive.");
        if (options.HstsMaxAge <= TimeSpan.Zero)
            errors.Add("Access:HstsMaxAge must be positive.");
        if (options.MaxBodyBytes < 1024)
            errors.Add("Access:MaxBodyBytes must be at least 1024.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateOidc(AccessOptions options, List<string> errors)
    {
        var oidc = options.Oidc;
        if (!options.HasOidc)
        {
            if (!string.IsNullOrWhiteSpace(oidc.ClientId)) errors.Add("Access:Oidc:ClientId is set but Access:Oidc:Authority is not.");
            return;
        }
        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https"))
            errors.Add($"Access:Oidc:Authority '{oidc.Authority}' is not an http(s) address.");
        else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
            errors.Add("Access:Oidc:Authority is plain http: use https, or set Access:Oidc:RequireHttpsMetadata=false for a provider on this machine.");
        if (string.IsNullOrWhiteSpace(oidc.ClientId) && string.IsNullOrWhiteSpace(oidc.Audience))
            errors.Add("Access:Oidc needs a ClientId (dashboard sign-in) or an Audience (API tokens only).");
        if (string.IsNullOrWhiteSpace(oidc.RoleClaim)) errors.Add("Access:Oidc:RoleClaim is empty.");
        if (string.IsNullOrWhiteSpace(oidc.NameClaim)) errors.Add("Access:Oidc:NameClaim is empty.");
        foreach (var (theirs, ours) in oidc.RoleNames)
        {
            if (!RoleGrant.TryParse(ours, out _))
                errors.Add($"Access:Oidc:RoleNames:{theirs} '{ours}' is not a role; use {RoleGrant.Forms}.");
        }
    }
}
