using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CspBot.Core.Domain;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Persistence;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Reports;

/// <summary>A download link made for one member: where it points and when it stops working.</summary>
public sealed record ReportLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>What a followed report link turned out to be.</summary>
public enum ReportLinkCheck
{
    Valid,

    /// <summary>Missing fields, or a signature that does not match them (an edited member, period, version or expiry).</summary>
    Invalid,
    Expired,
}

/// <summary>
/// Links to a compiled report that open from a Teams click, which carries no sign-in: each is made for one member,
/// one period and one version, signed with the server's key and good for <see cref="Lifetime"/>. A card never holds
/// one for long: its button asks the bot, which makes a fresh link for whoever clicked.
/// </summary>
public sealed class ReportLinks(ServerKeyRing keys, TimeProvider clock, IOptions<PublicLinks> links)
{
    public const string Purpose = "report-link";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>The path of the download, without its query: /reports/{period}/v{version}/exception-report.docx.</summary>
    public static string PathOf(ReportingPeriod period, int version) => $"/reports/{period.Id}/v{version}/exception-report.docx";

    public async Task<ReportLink> MintAsync(int memberId, ReportingPeriod period, int version, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var unix = expires.ToUnixTimeSeconds();
        var signature = Sign(await keys.KeyAsync(Purpose, cancellationToken), memberId, period, version, unix);
        var url = $"{links.Value.PublicBaseUrl.TrimEnd('/')}{PathOf(period, version)}?member={memberId}&expires={unix}&sig={signature}";
        return new ReportLink(url, DateTimeOffset.FromUnixTimeSeconds(unix));
    }

    public async Task<ReportLinkCheck> CheckAsync(int memberId, ReportingPeriod period, int version, long expires, string? signature, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 100)
        {
            return ReportLinkCheck.Invalid;
        }

        var expected = Sign(await keys.KeyAsync(Purpose, cancellationToken), memberId, period, version, expires);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return ReportLinkCheck.Invalid;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() >= expires ? ReportLinkCheck.Expired : ReportLinkCheck.Valid;
    }

    private static string Sign(byte[] key, int memberId, ReportingPeriod period, int version, long expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Purpose}\n{memberId}\n{period.Id}\n{version}\n{expires}")));
}
