using System.Net;
using CspBot.Core.Features.Scorecard;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CspBot.Web.Hosting;

/// <summary>
/// The front ends allowed to say how a request reached them (section <c>ForwardedHeaders</c>): App Service, or any
/// reverse proxy, ends TLS and forwards the request over HTTP with <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c>.
/// </summary>
public sealed class FrontEndOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Networks (CIDR, e.g. "169.254.0.0/16") whose requests' forwarded headers are believed; loopback always is.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses whose forwarded headers are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];
}

/// <summary>
/// Production behind a TLS front end. Forwarded headers are believed only from the known front ends (never from anyone),
/// so cookies marked secure, antiforgery, the sign-in's redirect address and every generated link see HTTPS. A request
/// that still arrives over plain HTTP is redirected to the public HTTPS address (GET and HEAD) or refused with 400,
/// never served: only the health probes answer over HTTP, since the platform calls them from inside. Development and
/// Testing serve plain HTTP on loopback, as before.
/// </summary>
public static class FrontEndHosting
{
    public static WebApplicationBuilder AddFrontEnd(this WebApplicationBuilder builder)
    {
        var front = builder.Configuration.GetSection(FrontEndOptions.Section).Get<FrontEndOptions>() ?? new FrontEndOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Scheme and client address only: the Host header is the app's own (App:PublicBaseUrl), never a forwarded one.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var network in front.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            foreach (var proxy in front.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    public static WebApplication UseFrontEnd(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.AllowsTestControls())
        {
            app.Use(HttpsOnlyAsync);
        }

        return app;
    }

    private static async Task HttpsOnlyAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var publicBase = context.RequestServices.GetRequiredService<IOptions<PublicLinks>>().Value.PublicBaseUrl.TrimEnd('/');
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && Uri.TryCreate(publicBase, UriKind.Absolute, out var origin) && origin.Scheme == Uri.UriSchemeHttps)
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = publicBase + context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("CspBot answers over HTTPS only.", context.RequestAborted);
    }
}
