using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CspBot.Web.Console;

/// <summary>
/// A console page's address and the policy that guards it, read from the page itself (its <c>@page</c> and
/// <c>[Authorize]</c>): a link or a menu entry to it is shown by the very rule the page enforces, so nobody is offered
/// a page that would refuse them.
/// </summary>
public static class ConsolePages
{
    /// <summary>The page's address relative to the site ("console/returns").</summary>
    public static string Href(Type page) =>
        page.GetCustomAttribute<RouteAttribute>()?.Template.TrimStart('/') ?? throw new ArgumentException($"{page.Name} is not a routed page.", nameof(page));

    /// <summary>The policy the page requires.</summary>
    public static string Policy(Type page) =>
        page.GetCustomAttribute<AuthorizeAttribute>()?.Policy ?? throw new ArgumentException($"{page.Name} has no access policy.", nameof(page));
}
