using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Engine.Controls;

public static class OperatorControlsServiceCollectionExtensions
{
    /// <summary>Pause, backfills as objects, clearing tasks across runs, and the audit trail of it all.</summary>
    public static IServiceCollection AddOperatorControls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineSettingsOptions>().Bind(configuration.GetSection(PipelineSettingsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineSettingsOptions>, PipelineSettingsValidator>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<PipelinePauses>();
        services.AddSingleton<BackfillControl>();
        services.AddSingleton<BackfillQueries>();
        services.AddSingleton<TaskClearing>();
        return services;
    }
}
