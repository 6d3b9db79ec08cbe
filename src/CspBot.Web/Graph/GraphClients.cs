using System.Net;
using Azure.Core;
using CspBot.Core.Features.Graph;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace CspBot.Web.Graph;

/// <summary>Builds the Microsoft Graph client: the SDK's middleware, retrying throttling and transient failures, signed in as the app.</summary>
public static class GraphClients
{
    /// <summary>How many times a throttled (429) or failed (5xx) request is retried, waiting as Retry-After says or backing off.</summary>
    public const int MaxRetries = 3;

    /// <summary>
    /// A <see cref="GraphServiceClient"/> for <see cref="GraphOptions.BaseUrl"/> that signs in with <paramref name="credential"/>.
    /// <paramref name="transport"/> replaces the network handler (tests); the SDK's own middleware stays in place.
    /// </summary>
    public static GraphServiceClient Create(GraphOptions options, TokenCredential credential, HttpMessageHandler? transport = null)
    {
        var baseUrl = new Uri(options.BaseUrl.TrimEnd('/'));
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var retry = handlers.OfType<RetryHandler>().FirstOrDefault();
        if (retry is not null)
        {
            handlers[handlers.IndexOf(retry)] = new RetryHandler(new RetryHandlerOption
            {
                MaxRetry = MaxRetries,
                ShouldRetry = (_, _, response) => IsTransient(response.StatusCode),
            });
        }

        var http = GraphClientFactory.Create(handlers, finalHandler: transport);
        var scopes = new[] { $"{baseUrl.Scheme}://{baseUrl.Authority}/.default" };

        // Tokens go to Graph only: upload sessions post to SharePoint URLs that must not see them.
        var authentication = new AzureIdentityAuthenticationProvider(credential, [baseUrl.Host], scopes: scopes);
        return new GraphServiceClient(http, authentication, baseUrl.ToString().TrimEnd('/'));
    }

    /// <summary>429 and the 5xx answers worth another try.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
