using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// Checks a Basic user's password against its configured hash. A hash costs tens of milliseconds by design, and a
/// client sends the password with every request, so a pair that matched is remembered for a few minutes (by a hash of
/// the pair, never in clear); a wrong password always pays the full cost.
/// </summary>
public sealed class BasicCredentials(IOptionsMonitor<AccessOptions> options) : IDisposable
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _matched = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    /// <summary>The user's role when the password is theirs; null otherwise.</summary>
    public RoleGrant? Check(string user, string password)
    {
        if (!options.CurrentValue.Users.TryGetValue(user, out var settings)) return null;
        if (!RoleGrant.TryParse(settings.Role, out var role)) return null;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\0{password}\0{settings.PasswordHash}")));
        if (_matched.TryGetValue(key, out _)) return role;
        if (!PasswordHashes.Verify(settings.PasswordHash, password)) return null;
        _matched.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });
        return role;
    }

    public void Dispose() => _matched.Dispose();
}
