namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// The Hangfire queue a task's job goes to. A task queue <c>q</c> is worked as two Hangfire queues: <c>q</c>
/// for tasks with upstream tasks and <c>q-start</c> for a run's root tasks, and every worker empties the
/// first before the second. So when more tasks are ready than there are workers, runs already under way
/// finish before further runs begin, like Airflow's <c>weight_rule="upstream"</c>: a downstream task
/// starts soon after its upstream ends instead of queueing behind every new run's first task, and a
/// backfill's partitions complete one after another instead of all at once. Both storages take queues in
/// that order: Hangfire.InMemory in the order the server lists them, Hangfire.PostgreSql by queue name,
/// where <c>q</c> sorts before <c>q-start</c>.
/// </summary>
public static class TaskQueues
{
    private const string StartSuffix = "-start";

    /// <summary>The Hangfire queue for a task on <paramref name="queue"/> with the given upstream tasks (comma-separated, as stored).</summary>
    public static string For(string queue, string upstream) => upstream.Length == 0 ? queue + StartSuffix : queue;

    /// <summary>The task queue that a Hangfire queue made by <see cref="For"/> serves.</summary>
    public static string TaskQueueOf(string hangfireQueue) =>
        hangfireQueue.EndsWith(StartSuffix, StringComparison.Ordinal) ? hangfireQueue[..^StartSuffix.Length] : hangfireQueue;

    /// <summary>The Hangfire queues a server works for the given task queues, in the order it must take them.</summary>
    public static string[] ServerQueues(IEnumerable<string> taskQueues) =>
        taskQueues.SelectMany(q => new[] { q, q + StartSuffix }).Distinct().Order(StringComparer.Ordinal).ToArray();
}
