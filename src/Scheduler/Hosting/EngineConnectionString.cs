using System.Data.Common;
using Npgsql;
using Pipeline.Scheduler.Engine;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// The connection string of the engine's own PostgreSQL pool (the run store and Hangfire): ConnectionStrings:Postgres
/// with <c>No Reset On Close</c> on, unless the setting names it. Npgsql otherwise sends <c>DISCARD ALL</c> with the
/// next command each time a pooled connection is returned, and Hangfire.PostgreSql returns one after every storage
/// call: about 12 statements of the 87 a task costs the server (bench/notes.md). Nothing the engine or Hangfire does
/// leaves session state behind, except long polling's LISTEN, so the reset stays on when Engine:LongPolling is.
/// </summary>
public static class EngineConnectionString
{
    public static string For(string configured, EngineOptions engine)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        if (engine.LongPolling || given.ContainsKey("No Reset On Close") || given.ContainsKey("NoResetOnClose")) return configured;
        return new NpgsqlConnectionStringBuilder(configured) { NoResetOnClose = true }.ConnectionString;
    }
}
