using Hangfire;
using Hangfire.Common;
using Pipeline.Scheduler.Engine.Execution;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Hangfire's filters for this host: the global ones (read on every call, so a filter added later still counts),
/// the attributes on job methods and the engine's <see cref="TaskJobFilter"/>, without two global filters that cost
/// storage round trips on every job and do nothing for this engine: <see cref="CaptureCultureAttribute"/> (writes
/// the enqueuing thread's culture as a job parameter and reads it back twice before the job runs; every job here is
/// enqueued by the engine itself, and a task runs in its host's culture) and <see cref="ContinuationsSupportAttribute"/>
/// (reads a job's continuations whenever it ends; the engine creates none, its DAG is its own). On PostgreSQL that is
/// three statements fewer per job (bench/notes.md).
/// </summary>
public sealed class EngineJobFilters(TaskJobFilter taskFilter) : IJobFilterProvider
{
    private readonly JobFilterProviderCollection _all = new(JobFilterProviders.Providers, new JobFilterCollection { taskFilter });

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        _all.GetFilters(job).Where(f => f.Instance is not (CaptureCultureAttribute or ContinuationsSupportAttribute));
}
