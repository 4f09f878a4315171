using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Pipeline.Connectors.Sql;

public static class SqlDatabaseExtensions
{
    /// <summary>Points an EF Core context at the database, with the settings each engine needs here.</summary>
    public static DbContextOptionsBuilder UseSqlDatabase(this DbContextOptionsBuilder options, SqlDatabase database) =>
        (database.Provider switch
        {
            SqlProvider.Postgres => options.UseNpgsql(database.ConnectionString, o => o.EnableRetryOnFailure(3)),
            _ => options.UseSqlite(database.ConnectionString).AddInterceptors(new SqliteConnectionSettings()),
        }).UseMetadataMigrations();

    /// <summary>Finds the context's migrations without loading every type of their assembly (<see cref="MetadataMigrationsAssembly"/>).</summary>
    public static DbContextOptionsBuilder UseMetadataMigrations(this DbContextOptionsBuilder options) =>
        options.ReplaceService<IMigrationsAssembly, MetadataMigrationsAssembly>();

    /// <summary>
    /// Creates the database if needed, applies the context's migrations and, on SQLite, turns on WAL (which our
    /// connection settings rely on: see <see cref="SqliteConnectionSettings"/>). Safe to run from several hosts.
    /// </summary>
    public static async Task MigrateAsync(this SqlDatabase database, DbContext context, CancellationToken ct)
    {
        await database.EnsureCreatedAsync(ct);
        await context.Database.MigrateAsync(ct);
        if (database.Provider == SqlProvider.Sqlite)
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// Creates the PostgreSQL database when it does not exist yet (migrations create tables, not databases);
    /// SQLite creates its file on first use.
    /// </summary>
    public static async Task EnsureCreatedAsync(this SqlDatabase database, CancellationToken ct)
    {
        if (database.Provider != SqlProvider.Postgres) return;
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another host created it a moment ago.
        }
    }
}
