using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// Lets SQLite itself wait for a busy database (its handler retries within milliseconds) instead of
/// Microsoft.Data.Sqlite's fixed 150 ms pause: two tasks of a run finishing together otherwise cost the
/// second one 150 ms of latency.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 60000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
