using System.Data.Common;
using Npgsql;
using Pipeline.Scheduler.Engine;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// The connection string of the engine's own PostgreSQL pool (the run store and Hangfire): ConnectionStrings:Postgres
/// with two settings added, each unless the string names it:
/// <list type="bullet">
/// <item><c>No Reset On Close</c>: Npgsql otherwise sends <c>DISCARD ALL</c> with the next command each time a pooled
/// connection is returned, and Hangfire.PostgreSql returns one after every storage call: about 12 statements of the 87 a
/// task cost the server (bench/notes.md).</item>
/// <item>Auto-prepare (<c>Max Auto Prepare=64;Auto Prepare Min Usages=2</c>): the engine and Hangfire send the same few
/// dozen statements for every task, and parsing and planning them again each time was half of PostgreSQL's CPU in a
/// backfill (bench/notes.md, fifth session). Only with the reset off: with it on, Npgsql's reset keeps
/// prepared statements at the cost of five statements of its own, which measured worse.</item>
/// </list>
/// Nothing the engine or Hangfire does leaves session state behind, except long polling's LISTEN, so with Engine:LongPolling
/// the reset stays on and nothing is added. Behind a pooler that cannot keep prepared statements, set <c>Max Auto Prepare=0</c>.
/// </summary>
public static class EngineConnectionString
{
    public static string For(string configured, EngineOptions engine)
    {
        if (engine.LongPolling) return configured;
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Names(given, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (builder.NoResetOnClose && !Names(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!Names(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    private static bool Names(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
}
