using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Scheduler.Access.ApiKeys;

/// <summary>
/// An API key is <c>pipe_ID_SECRET</c>: the id is public (it names the key in lists and in the audit trail), the
/// secret is 256 random bits of which only a SHA-256 hash is stored; a slow hash adds nothing to a random secret.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "pipe_";

    /// <summary>The header a machine may send its key in, instead of <c>Authorization: Bearer</c>.</summary>
    public const string Header = "X-Api-Key";

    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    public sealed record NewKey(string Id, string Key, string SecretHash);

    public static NewKey Create()
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(IdBytes)).ToLowerInvariant();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new NewKey(id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    public static bool TryParse(string key, out string id, out string secret)
    {
        id = secret = "";
        if (!key.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = key[Prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != IdBytes * 2 || parts[1].Length == 0 || parts[1].Length > 100) return false;
        (id, secret) = (parts[0], parts[1]);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
