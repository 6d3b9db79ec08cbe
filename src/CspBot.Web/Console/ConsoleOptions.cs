namespace CspBot.Web.Console;

/// <summary>
/// Sign-in for the console (the Teams tabs and the same pages in a browser). <c>Console:Entra</c> is the Entra app
/// registration that the manifest's <c>webApplicationInfo</c> names: Microsoft.Identity.Web reads <c>Instance</c>,
/// <c>TenantId</c> and <c>ClientId</c> (and <c>ClientSecret</c> for the browser sign-in) from it.
/// </summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The Application ID URI tab SSO tokens are issued for, <c>api://{host}/{client id}</c> as in the manifest's
    /// <c>webApplicationInfo.resource</c>. Tokens for the bare client id are accepted too.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>Whether an Entra app registration is configured (tab SSO and browser sign-in both need it).</summary>
    public static bool EntraConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:Entra:ClientId"]) && !string.IsNullOrWhiteSpace(configuration[$"{Section}:Entra:TenantId"]);
}
