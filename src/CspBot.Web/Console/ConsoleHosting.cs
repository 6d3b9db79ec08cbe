using CspBot.Core.Persistence;
using CspBot.Web.Console.Components;
using CspBot.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CspBot.Web.Console;

/// <summary>
/// The operations console: Razor components (Fluent UI Blazor, interactive on the server) served by CspBot itself at
/// <c>/console</c>, shown in Teams as the "Cycle", "My returns" and "Dashboard" tabs and usable in a browser. Pages
/// are thin: they call the same feature code as the bot and the operations API.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>
    /// The hosts Microsoft documents as the frames of a Teams tab (Teams, Outlook, the Microsoft 365 app, and every
    /// *.cloud.microsoft host they are moving to). No other site may frame the console.
    /// </summary>
    public const string FrameAncestors =
        "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com https://outlook.office.com https://outlook.office365.com https://outlook-sdf.office.com https://outlook-sdf.office365.com";

    /// <summary>
    /// Everything the console loads comes from this app (no CDN: a locked-down tenant may block them). Styles allow
    /// inline: Blazor and the Fluent components set style attributes.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + FrameAncestors;

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.AddConsoleSignIn();
        builder.AddConsoleLanguage();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        var development = builder.Environment.AllowsTestControls();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            // The frames are decided by the Content-Security-Policy below (Teams must be able to frame the tabs), and
            // the token's cookie must reach the app from inside a Teams frame.
            antiforgery.SuppressXFrameOptionsHeader = true;
            antiforgery.Cookie.SameSite = development ? SameSiteMode.Strict : SameSiteMode.None;
            antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddScoped<ConsoleWork>();
        builder.Services.AddLocalization();

        // Several instances share the keys that protect the sign-in cookie and antiforgery tokens (in the database).
        builder.Services.AddDataProtection().SetApplicationName("CspBot").PersistKeysToDbContext<CspDbContext>();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/console"))
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "same-origin";
            }

            await next(context);
        });
        app.UseAntiforgery();
        // Static files as middleware, not MapStaticAssets: its catch-all fallback endpoint answers every unknown path
        // that is not a GET with 405 instead of 404 (the operations API's absent routes included).
        app.UseStaticFiles();

        // After authentication (Program.cs), for pages only (not the files above): the viewer's recorded language is
        // read from who is signed in.
        app.UseConsoleLanguage();
        app.MapGroup("/console").MapConsoleSignIn(app.Environment).MapConsoleLanguage().MapImportTemplates().MapConsoleDownloads();
        // Blazor would add its own "frame-ancestors 'self'", which would keep the tabs out of Teams.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
