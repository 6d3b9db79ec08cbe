using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Channel;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// The channel post of a compiled report: the paper's highlights, its key exceptions (the same selection as the
/// document's body), missing returns, and a button for the Word document.
/// Posted, the button asks the bot for a link (<see cref="ReportLinkAction"/>); the card that answers it, for the
/// person who clicked, carries their own download link instead.
/// </summary>
public static class ExceptionReportCard
{
    private const int MaxConcernsListed = 12;

    public static JsonObject Build(ExceptionReport report, string? sharePointUrl = null, ReportLink? download = null)
    {
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading($"{report.Period} exception report"),
            AdaptiveCard.Text($"{report.Months} · compiled {report.CompiledAt} · version {report.Version}", isSubtle: true, spacing: "None"),
            AdaptiveCard.Text("**Summary highlights**", spacing: "Medium"),
        };
        body.AddRange(report.Highlights.Select(h => AdaptiveCard.Text("• " + h, spacing: "None")));
        // The paper's selection: every Red, the key Ambers; the other Ambers are only counted, as the paper's appendices hold them.
        var reds = report.Concerns.Count(c => c.Rag == "Red");
        var ambers = report.Concerns.Count - reds;
        body.Add(AdaptiveCard.Text($"**Key exceptions** · {reds} Red, {ambers} key Amber" + (report.OtherAmbers > 0 ? $" · {report.OtherAmbers} other Amber in the appendices" : string.Empty), spacing: "Medium"));
        // Posted to the channel: restricted items are counted, never named.
        var concerns = ChannelDisclosure.Split(report.Concerns, c => c.Restricted);
        foreach (var concern in concerns.Named.Take(MaxConcernsListed))
        {
            var symbol = concern.Rag == "Red" ? "🔴" : "🟠";
            var figures = concern.Figures is { Length: > 0 } f ? $" — {f}" : string.Empty;
            body.Add(AdaptiveCard.Text($"{symbol} **{concern.Ref}** {concern.Title}{figures} · {concern.Agency}", spacing: "Small"));
        }

        if (concerns.Named.Count > MaxConcernsListed)
        {
            body.Add(AdaptiveCard.Text($"…and {concerns.Named.Count - MaxConcernsListed} more in the document.", isSubtle: true));
        }

        if (ChannelDisclosure.WithheldLine(concerns.Withheld) is { } withheld)
        {
            body.Add(AdaptiveCard.Text(withheld, isSubtle: true));
        }

        if (report.Missing.Count > 0)
        {
            body.Add(AdaptiveCard.Text($"**Missing returns**: {report.Missing.Sum(m => m.Refs.Count)} items from {string.Join(", ", report.Missing.Select(m => m.Agency).Distinct())}.", spacing: "Medium"));
        }

        JsonNode open = ReportLinkAction.Button(ReportingPeriod.Parse(report.PeriodId), report.Version);
        if (download is not null)
        {
            open = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Download the report (Word)", ["url"] = download.Url };
            body.Add(AdaptiveCard.Text($"Your download link works for {ReportLinks.Lifetime.TotalMinutes:0} minutes, until {PartnershipTime.Spoken(download.ExpiresAt)}.", isSubtle: true, spacing: "Medium"));
        }

        return sharePointUrl is null
            ? AdaptiveCard.Create(body, [open])
            : AdaptiveCard.Create(body, [new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in the channel's Files", ["url"] = sharePointUrl }, open]);
    }
}
