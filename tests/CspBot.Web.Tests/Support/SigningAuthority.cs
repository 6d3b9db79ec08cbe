using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// The key endpoints Production validates tokens against, on a loopback HTTPS port with keys made for the test run:
/// the Bot Framework's OpenID metadata and keys (endorsed for the <c>msteams</c> channel), as the Bot Connector's tokens
/// are checked, and an Entra tenant's, as the operations API's tokens are. It mints tokens with its published key, with
/// a foreign key it never publishes, or unsigned. Its certificate is trusted for the run (the user's root store, which
/// .NET on Linux honours) because the Bot Framework fetches its keys with an HttpClient of its own.
/// </summary>
public sealed class SigningAuthority : IAsyncDisposable
{
    public const string BotIssuer = "https://api.botframework.com";
    public const string BotAppId = "11111111-2222-3333-4444-555555555555";
    public const string TenantId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public const string AdminAudience = "api://cspbot-test";

    private readonly WebApplication app;
    private readonly RsaSecurityKey published;
    private readonly RsaSecurityKey foreign;
    private readonly X509Certificate2 certificate;

    private SigningAuthority(WebApplication app, RsaSecurityKey published, RsaSecurityKey foreign, X509Certificate2 certificate)
    {
        this.app = app;
        this.published = published;
        this.foreign = foreign;
        this.certificate = certificate;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string BotMetadataUrl => $"{BaseUrl}/botframework/.well-known/openidconfiguration";

    public string EntraAuthority => $"{BaseUrl}/{TenantId}/v2.0";

    public static async Task<SigningAuthority> StartAsync()
    {
        var published = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "published-key" };
        var foreign = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "published-key" };
        var certificate = SelfSigned();
        using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            roots.Open(OpenFlags.ReadWrite);
            roots.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var authority = new SigningAuthority(app, published, foreign, certificate);
        app.MapGet("/botframework/.well-known/openidconfiguration", () => Results.Text(new JsonObject
        {
            ["issuer"] = BotIssuer,
            ["jwks_uri"] = $"{authority.BaseUrl}/botframework/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }.ToJsonString(), "application/json"));
        app.MapGet("/botframework/keys", () => Results.Text(authority.Keys(endorsements: true), "application/json"));
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () => Results.Text(new JsonObject
        {
            ["issuer"] = authority.EntraAuthority,
            ["jwks_uri"] = $"{authority.BaseUrl}/{TenantId}/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString(), "application/json"));
        app.MapGet($"/{TenantId}/keys", () => Results.Text(authority.Keys(endorsements: false), "application/json"));
        await app.StartAsync();
        authority.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return authority;
    }

    /// <summary>A token as the Bot Connector sends with an activity for <paramref name="serviceUrl"/>.</summary>
    public string BotToken(string serviceUrl, bool foreignKey = false, string audience = BotAppId, string issuer = BotIssuer, TimeSpan? expiresIn = null) =>
        Mint(issuer, audience, [new Claim("serviceurl", serviceUrl)], foreignKey ? foreign : published, expiresIn);

    /// <summary>An Entra access token for the operations API, with the given app roles.</summary>
    public string AdminToken(string[] roles, bool foreignKey = false, string audience = AdminAudience, TimeSpan? expiresIn = null) =>
        Mint(EntraAuthority, audience, [new Claim("preferred_username", "priya.shah@council.example"), .. roles.Select(r => new Claim("roles", r))], foreignKey ? foreign : published, expiresIn);

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid Bot Connector claims.</summary>
    public static string Unsigned(string serviceUrl) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotIssuer,
            Audience = BotAppId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            Expires = DateTime.UtcNow.AddMinutes(10),
        });

    private static string Mint(string issuer, string audience, IEnumerable<Claim> claims, SecurityKey key, TimeSpan? expiresIn)
    {
        var lifetime = expiresIn ?? TimeSpan.FromMinutes(10);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromHours(1) : now.AddMinutes(-1),
            IssuedAt = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromHours(1) : now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private string Keys(bool endorsements)
    {
        var parameters = published.Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = published.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements)
        {
            jwk["endorsements"] = new JsonArray("msteams");
        }

        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            roots.Open(OpenFlags.ReadWrite);
            roots.Remove(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }

        certificate.Dispose();
    }
}
