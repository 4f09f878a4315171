namespace Pipeline.Scheduler.Access;

/// <summary>What a role may do; each level includes the ones below it.</summary>
public enum AccessLevel
{
    /// <summary>Every read: the API's GETs, the dashboard's pages, Hangfire's pages.</summary>
    Viewer = 1,

    /// <summary>Changes to runs: trigger, backfill, cancel, resume, start, pause, clear, ingest; Hangfire's buttons.</summary>
    Operator = 2,

    /// <summary>API keys and settings.</summary>
    Admin = 3,
}
