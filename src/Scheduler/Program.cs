using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Cli;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Hosting;

if (CliApp.IsCommand(args))
    return await CliApp.RunAsync(args);

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Find() });
    builder.AddPipelineWeb();
    var app = builder.Build();
    app.MapPipelineWeb();
    var exposure = app.Services.GetRequiredService<RemoteExposureGuard>();
    await app.RunAsync();
    if (exposure.Refusal is { } refusal)
    {
        Console.Error.WriteLine($"error: {refusal}");
        return 1;
    }
    return 0;
}
catch (Exception refused) when (refused is PipelineDefinitionException or EmbeddedStoreBusyException or OptionsValidationException)
{
    Console.Error.WriteLine($"error: {refused.Message}");
    return 1;
}

/// <summary>The host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
