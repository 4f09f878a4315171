using Hangfire;

namespace Pipeline.Scheduler.Dashboard;

public static class DashboardSetup
{
    public static IServiceCollection AddPipelineDashboard(this IServiceCollection services) => services;

    public static WebApplication UsePipelineDashboard(this WebApplication app, string path)
    {
        app.UseHangfireDashboard(path, new DashboardOptions
        {
            Authorization = [new DashboardAccessFilter()],
            DashboardTitle = "Pipeline",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }
}
