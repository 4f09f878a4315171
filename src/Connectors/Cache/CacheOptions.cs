namespace Pipeline.Connectors.Cache;

/// <summary>Settings of the Cache connector (section "Cache"; the Redis address is ConnectionStrings:Redis).</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Put before every key, so that several users of one Redis keep apart.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>How long one Redis command may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
