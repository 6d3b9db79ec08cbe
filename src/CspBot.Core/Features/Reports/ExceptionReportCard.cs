using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Features.Channel;

namespace CspBot.Core.Features.Reports;

/// <summary>The channel post of a compiled report: highlights, the Reds, missing returns, and the Word document link.</summary>
public static class ExceptionReportCard
{
    private const int MaxConcernsListed = 12;

    public static JsonObject Build(ExceptionReport report, string documentUrl, string? sharePointUrl = null)
    {
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading($"{report.Period} exception report"),
            AdaptiveCard.Text($"{report.Months} · compiled {report.CompiledAt} · version {report.Version}", isSubtle: true, spacing: "None"),
            AdaptiveCard.Text("**Summary highlights**", spacing: "Medium"),
        };
        body.AddRange(report.Highlights.Select(h => AdaptiveCard.Text("• " + h, spacing: "None")));
        var reds = report.Concerns.Where(c => c.Rag == "Red").ToList();
        var ambers = report.Concerns.Count - reds.Count;
        body.Add(AdaptiveCard.Text($"**Areas of concern** · {reds.Count} Red, {ambers} Amber", spacing: "Medium"));
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

        var open = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the report (Word)", ["url"] = documentUrl };
        return sharePointUrl is null
            ? AdaptiveCard.Create(body, [open])
            : AdaptiveCard.Create(body, [new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in the channel's Files", ["url"] = sharePointUrl }, open]);
    }
}
