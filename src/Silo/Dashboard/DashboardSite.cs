using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace PoNasOrleans.Silo.Dashboard;

/// <summary>
/// The live pool dashboard (docs/dashboard.md): static files embedded in the silo's assembly (so they travel with its
/// build and publish output, whatever the working directory), served under <see cref="Path"/>; <c>/</c> redirects
/// there. The page reads the JSON API only; it loads nothing from elsewhere (its Content-Security-Policy says so).
/// </summary>
public static class DashboardSite
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    /// <summary>The prefix of the embedded files' resource names (set in Silo.csproj).</summary>
    private const string ResourcePrefix = "dashboard";

    private const string Policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Serves the embedded files under <see cref="Path"/>; <c>/</c> and <c>/dashboard</c> redirect to <c>/dashboard/</c> (the latter by the default-files middleware).</summary>
    public static void UseDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), ResourcePrefix);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = "no-cache";
                headers[HeaderNames.ContentSecurityPolicy] = Policy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
        app.MapGet("/", () => Results.Redirect($"{Path}/")).ExcludeFromDescription();
    }
}
