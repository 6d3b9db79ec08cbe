using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Testing;

/// <summary>
/// The real host (Program.cs) on its own SQLite file in a temporary folder, in the Testing environment unless told
/// otherwise: the one start-up the host tests (CspBotApp) and the benchmarks (BenchHost) share, with the settable
/// clock, a scope to run feature code in, and a browser signed in to the console.
/// </summary>
public partial class CspBotHost : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("cspbot-host-").FullName;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly string environment;

    public CspBotHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        this.services = services;
        this.environment = environment;

        // Outside Development and Testing the app answers HTTPS only, as it is reached through its TLS front end.
        if (environment is not ("Testing" or "Development"))
        {
            ClientOptions.BaseAddress = new Uri("https://localhost");
        }

        DatabaseFile = Path.Combine(folder, "data", "cspbot.db");
        this.settings = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={DatabaseFile}" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DatabaseFile { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Sets the application clock (Development and Testing only: PUT /api/admin/clock).</summary>
    public async Task SetClockAsync(DateTimeOffset now) =>
        (await CreateClient().PutAsJsonAsync("/api/admin/clock", new { now })).EnsureSuccessStatusCode();

    /// <summary>A browser (cookies kept, redirects not followed) signed in to the console as the member with <paramref name="email"/>, through the Development picker.</summary>
    public async Task<HttpClient> ConsoleAsAsync(string email)
    {
        var browser = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var id = await InScopeAsync(sp => sp.GetRequiredService<CspDbContext>().Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var signedIn = await browser.PostAsync("/console/sign-in/act-as", await PickerFormAsync(browser, id, "/console"));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The console's sign-in answered {(int)signedIn.StatusCode}");
        }

        return browser;
    }

    /// <summary>The picker's form as the sign-in page serves it to <paramref name="browser"/> (its antiforgery token included).</summary>
    public static async Task<FormUrlEncodedContent> PickerFormAsync(HttpClient browser, int member, string returnUrl) => new(new Dictionary<string, string>
    {
        ["member"] = member.ToString(CultureInfo.InvariantCulture),
        ["returnUrl"] = returnUrl,
        ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser),
    });

    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser) =>
        AntiforgeryField().Match(await browser.GetStringAsync("/console/sign-in")).Groups[1].Value;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
