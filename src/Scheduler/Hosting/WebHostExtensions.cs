using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Dashboard;
using Pipeline.Scheduler.Hosting.Health;
using Scalar.AspNetCore;

namespace Pipeline.Scheduler.Hosting;

public static class WebHostExtensions
{
    public static WebApplicationBuilder AddPipelineWeb(this WebApplicationBuilder builder)
    {
        builder.AddHostingConventions();
        var services = builder.Services;
        services.AddPipelineEngine(builder.Configuration);
        builder.AddPipelineAccess();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddAntiforgery();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // A malformed body is the caller's mistake: a 400 problem, never an exception page.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddPipelineDashboard();
        services.AddPipelineHealth(builder.Configuration);
        return builder;
    }

    public static WebApplication MapPipelineWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePipelineAccess();
        app.UseAntiforgery();

        // Every endpoint hangs off this group: a body larger than Access:MaxBodyBytes is a 413 wherever no endpoint says otherwise.
        var web = app.MapGroup("").LimitBody(app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.MaxBodyBytes);
        web.MapPipelineHealth();
        web.MapPipelineMetrics();
        web.MapOpenApi();
        web.MapScalarApiReference("/api/reference", o => o.WithTitle("Pipeline API"));
        web.MapPipelinesApi();
        web.MapRunsApi();
        web.MapBackfillsApi();
        web.MapPipelineControlsApi();
        web.MapApiKeysApi();
        web.MapSourceApi();
        web.MapCryptoApi();
        web.MapIngestApi();
        web.MapAirQualityApi();

        web.MapPipelineDashboard(DashboardRunLinks.DashboardPath);
        web.MapGet("/", () => Results.Redirect("/hangfire/pipelines")).ExcludeFromDescription();
        return app;
    }
}
