using Microsoft.Extensions.Options;
using Pipeline.Connectors.Lake;

namespace Pipeline.Scheduler.Hosting;

public static class LakeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the lake the configuration chooses: S3 or MinIO when Lake:Endpoint is set, else the folder
    /// Lake:Directory (by default "lake" under the engine's data directory). It is built and named in one log
    /// line at start-up, so a malformed endpoint stops the host at once.
    /// </summary>
    public static IServiceCollection AddLake(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<LakeOptions>().Bind(configuration.GetSection(LakeOptions.Section));
        services.AddSingleton(sp => LakeFactory.Create(
            sp.GetRequiredService<IOptions<LakeOptions>>().Value, dataDirectory, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<LakeStartup>();
        return services;
    }

    private sealed class LakeStartup(ILake lake, ILogger<LakeStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Lake: {Lake}", lake.Description);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
