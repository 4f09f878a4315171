namespace Pipeline.Scheduler.Hosting;

/// <summary>Where the engine keeps Hangfire's jobs and the run store, chosen once at start-up.</summary>
public sealed record StorageMode(string? PostgresConnectionString, string SqlitePath)
{
    public bool UsesPostgres => PostgresConnectionString is not null;

    public static StorageMode From(IConfiguration configuration, string dataDirectory)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        return new StorageMode(string.IsNullOrWhiteSpace(postgres) ? null : postgres,
            Path.GetFullPath(Path.Combine(dataDirectory, "pipeline.db")));
    }
}
