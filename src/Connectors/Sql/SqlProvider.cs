namespace Pipeline.Connectors.Sql;

public enum SqlProvider
{
    Postgres,
    Sqlite,
}
