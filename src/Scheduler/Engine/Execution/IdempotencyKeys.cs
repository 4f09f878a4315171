using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>Keys are stored hashed: any length a client sends fits the column, and none is kept in clear.</summary>
public static class IdempotencyKeys
{
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
