namespace Pipeline.Jobs;

/// <summary>
/// Marks an exception that says retrying cannot help: the data is wrong, not the world (Airflow's AirflowFailException).
/// The task fails at once, whatever its retry policy; any other exception (a database restarting, a timeout) is retried.
/// </summary>
public interface IPermanentFailure;
