namespace Pipeline.Bench.Hosting;

/// <summary>The two ways the engine stores its state.</summary>
public enum StorageKind
{
    /// <summary>Hangfire.InMemory plus a SQLite run store.</summary>
    Embedded,

    /// <summary>Hangfire.PostgreSql plus a PostgreSQL run store.</summary>
    Postgres,
}
