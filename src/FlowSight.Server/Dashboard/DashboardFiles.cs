using Microsoft.AspNetCore.Builder;

namespace FlowSight.Server.Dashboard;

/// <summary>Serves the dashboard's built files (<c>wwwroot</c>, produced by the build from <c>Dashboard/app</c>).</summary>
internal static class DashboardFiles
{
    /// <summary>The <c>wwwroot</c> folder beside the server assembly.</summary>
    public static string DefaultWebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Adds default files and static files.</summary>
    public static void Use(WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
    }
}
