using Microsoft.AspNetCore.Identity;

namespace Pipeline.Scheduler.Access;

/// <summary>Basic users' passwords, kept only as ASP.NET Core Identity's PBKDF2 hashes (salted, iterated).</summary>
public static class PasswordHashes
{
    private static readonly PasswordHasher<string> Hasher = new();
    private const byte CurrentFormat = 0x01;

    public static string Hash(string password) => Hasher.HashPassword("", password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword("", hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    public static bool LooksValid(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] == CurrentFormat;
    }
}
