using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// Per-pipeline settings (section "Pipelines", keyed by pipeline name), e.g. <c>"Pipelines": { "hello": { "Paused": true } }</c>.
/// They apply when the pipeline first appears in a run store; after that, what operators set is kept.
/// </summary>
public sealed class PipelineSettingsOptions : Dictionary<string, PipelineSettings>
{
    public const string Section = "Pipelines";

    public PipelineSettingsOptions() : base(StringComparer.Ordinal)
    {
    }
}

public sealed class PipelineSettings
{
    /// <summary>Paused when first deployed: its schedule makes no runs until someone unpauses it.</summary>
    public bool Paused { get; set; }
}

/// <summary>A setting for a pipeline that does not exist is a typo: refuse to start rather than ignore it.</summary>
public sealed class PipelineSettingsValidator(PipelineCatalog catalog) : IValidateOptions<PipelineSettingsOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineSettingsOptions options)
    {
        var unknown = options.Keys.Where(k => catalog.Find(k) is null).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Pipelines: there is no pipeline named {string.Join(", ", unknown.Select(u => $"'{u}'"))} " +
                                         $"(known: {string.Join(", ", catalog.All.Select(p => p.Name))}).");
    }
}
