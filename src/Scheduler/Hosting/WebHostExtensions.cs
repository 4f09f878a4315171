using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Http.Json;
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
        services.AddOptions<AccessOptions>().Bind(builder.Configuration.GetSection(AccessOptions.Section));
        services.AddSingleton<AccessGuard>();
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
        app.UseAntiforgery();

        app.MapPipelineHealth();
        app.MapPipelineMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Pipeline API"));
        app.MapPipelinesApi();
        app.MapRunsApi();
        app.MapBackfillsApi();
        app.MapPipelineControlsApi();
        app.MapSourceApi();
        app.MapCryptoApi();
        app.MapIngestApi();
        app.MapAirQualityApi();

        app.UsePipelineDashboard(DashboardRunLinks.DashboardPath);
        app.MapGet("/", () => Results.Redirect("/hangfire/pipelines")).ExcludeFromDescription();
        return app;
    }
}
