using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Hosting;

public static class QueryServiceCollectionExtensions
{
    /// <summary>
    /// The reads behind the dashboard's pipeline pages and their API: partition states and the runs-by-tasks grid.
    /// Partition deadlines are a seam: whatever registered <see cref="IPartitionDeadlines"/> first wins.
    /// </summary>
    public static IServiceCollection AddPipelineQueries(this IServiceCollection services)
    {
        services.TryAddSingleton<IPartitionDeadlines, NoPartitionDeadlines>();
        services.AddSingleton<PartitionQueries>();
        services.AddSingleton<RunGridQueries>();
        return services;
    }
}
