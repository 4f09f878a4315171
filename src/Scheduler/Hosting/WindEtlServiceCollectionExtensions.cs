using Pipeline.Connectors.Apis.WindSource;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindSource.Seeding;
using Pipeline.Connectors.WindTarget;
using Pipeline.Jobs.WindEtl;
using Pipeline.Scheduler.Api;

namespace Pipeline.Scheduler.Hosting;

public static class WindEtlServiceCollectionExtensions
{
    public const string SourceDatabaseName = "wind_source";
    public const string TargetDatabaseName = "wind_target";

    /// <summary>
    /// The wind case's two databases, the source API's client and the ETL's settings. Each database is its
    /// own: ConnectionStrings:WindSource / WindTarget when set, else a database of its own on the main
    /// PostgreSQL, else a SQLite file in the data directory (the embedded source fills itself on first use).
    /// </summary>
    public static IServiceCollection AddWindEtl(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var (source, target) = ResolveDatabases(configuration, dataDirectory);
        services.AddSingleton(new WindSourceStore(source, seedWhenEmpty: source.Provider == SqlProvider.Sqlite));
        services.AddSingleton(new WindTargetStore(target));
        services.AddSingleton<SourceSeeder>();
        services.AddOptions<WindEtlOptions>().Bind(configuration.GetSection(WindEtlOptions.Section))
            .Validate(o => o.MaxBadShare is >= 0 and <= 1, "WindEtl:MaxBadShare must be between 0 and 1.")
            .ValidateOnStart();
        services.AddOptions<WindSourceApiOptions>().Bind(configuration.GetSection(WindSourceApiOptions.Section))
            .Validate(o => o.Retries is >= 0 and <= 10, "WindEtl:SourceApi:Retries must be between 0 and 10.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.RetryDelay >= TimeSpan.Zero, "WindEtl:SourceApi timeouts must be positive.")
            .Validate(o => string.IsNullOrEmpty(o.Url) || Uri.TryCreate(o.Url, UriKind.Absolute, out _), "WindEtl:SourceApi:Url must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<SourceApiOptions>().Bind(configuration.GetSection(SourceApiOptions.Section))
            .Validate(o => o.MaxRangeDays >= 1, "SourceApi:MaxRangeDays must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ISourceApiAddress, HostSourceApiAddress>();
        services.AddWindSourceApiClient();
        services.AddHostedService<WindStartupLog>();
        return services;
    }

    public static (SqlDatabase Source, SqlDatabase Target) ResolveDatabases(IConfiguration configuration, string dataDirectory)
    {
        var main = configuration.GetConnectionString("Postgres");
        return (SqlDatabases.Resolve(SourceDatabaseName, configuration.GetConnectionString("WindSource"), main, dataDirectory),
                SqlDatabases.Resolve(TargetDatabaseName, configuration.GetConnectionString("WindTarget"), main, dataDirectory));
    }
}
