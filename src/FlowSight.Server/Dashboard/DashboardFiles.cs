using Microsoft.AspNetCore.Builder;
using Microsoft.Net.Http.Headers;

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
        app.UseStaticFiles(new StaticFileOptions
        {
            // The bundles' names carry a content hash; the page naming them must be revalidated, or a browser would
            // keep running an old bundle after an upgrade.
            OnPrepareResponse = context =>
            {
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
                }
            },
        });
    }
}
