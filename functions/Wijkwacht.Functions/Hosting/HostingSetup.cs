using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.FileProviders;

namespace Wijkwacht.Hosting;

internal static class HostingSetup
{
    /// <summary>The port the Functions host hands a custom handler; absent when we run on our own.</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool UnderFunctionsHost =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CustomHandlerPortVariable));

    public static WebApplicationOptions Options(string[] args)
    {
        // `func start` names the environment in AZURE_FUNCTIONS_ENVIRONMENT; ASP.NET Core reads ASPNETCORE_ENVIRONMENT.
        var functionsEnvironment = Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT");
        var aspNetEnvironment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        return new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = aspNetEnvironment is null && functionsEnvironment is not null ? functionsEnvironment : null,
        };
    }

    /// <summary>
    /// Reads the Values of local.settings.json, the file `func start` reads, so one file configures both hosts.
    /// Real environment variables still win, as they do under `func start`.
    /// </summary>
    public static void AddFunctionsSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppOptions>().BindConfiguration("App");
        var path = Environment.GetEnvironmentVariable("WIJKWACHT_LOCAL_SETTINGS")
            ?? FindUpwards(builder.Environment.ContentRootPath, "local.settings.json");
        if (path is null || !File.Exists(path))
        {
            return;
        }

        var values = LocalSettingsFile.ReadValues(path);
        var sources = builder.Configuration.Sources;
        var environmentIndex = sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values };
        if (environmentIndex < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(environmentIndex, source);
        }
    }

    public static void ListenForFunctionsHost(this WebApplicationBuilder builder)
    {
        var handlerPort = Environment.GetEnvironmentVariable(CustomHandlerPortVariable);
        if (!string.IsNullOrEmpty(handlerPort))
        {
            // The host always calls 127.0.0.1; binding "localhost" alone may pick IPv6.
            builder.WebHost.UseUrls($"http://127.0.0.1:{handlerPort}");
            return;
        }

        var port = builder.Configuration["PORT"] ?? "7071";
        builder.WebHost.UseUrls($"http://localhost:{port}");
    }

    /// <summary>Locally the handler also serves static-web/; in Azure, Static Web Apps does.</summary>
    public static void UseStaticWeb(this WebApplication app)
    {
        var root = app.Configuration["StaticWeb:Root"]
            ?? FindUpwards(app.Environment.ContentRootPath, "static-web");
        if (root is null || !Directory.Exists(root))
        {
            return;
        }

        var blobOrigin = app.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().Uri.GetLeftPart(UriPartial.Authority);
        string[] localSources = app.Environment.IsDevelopment() && !blobOrigin.EndsWith(".blob.core.windows.net", StringComparison.Ordinal) ? [blobOrigin] : [];
        app.UseMiddleware<StaticWebHeaders>(Path.Combine(root, "staticwebapp.config.json"), localSources);
        if (!app.Environment.IsDevelopment())
        {
            // The development pages (sign-in, outbox) exist only in Development, as their APIs do.
            app.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/signin") || context.Request.Path.StartsWithSegments("/dev"))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>Finds a file or folder in the directory or one of its parents (the repository layout, locally).</summary>
    public static string? FindUpwards(string start, string name)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
