using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Channel;

/// <summary>
/// The channel post of a compiled report, in the language now: the paper's highlights, its key exceptions (the same
/// selection as the document's body), missing returns, and a button for the Word document.
/// Posted, the button asks the bot for a link (<see cref="ReportLinkAction"/>); the card that answers it, for the
/// person who clicked, carries their own download link instead.
/// </summary>
public static class ExceptionReportCard
{
    private const int MaxConcernsListed = 12;

    /// <summary>The post for the partnership channel, written in the language now (see <see cref="PartnershipChannel.PostAsync(string, string, Func{BotReply}, CancellationToken)"/>).</summary>
    public static BotReply Post(ExceptionReport report, string? sharePointUrl) =>
        BotReply.WithCard(Build(report, sharePointUrl), Terms.Format(ChannelText.ReportHeading, PeriodName(report)));

    public static JsonObject Build(ExceptionReport report, string? sharePointUrl = null, ReportLink? download = null)
    {
        report = InLanguageNow(report);
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading(Terms.Format(ChannelText.ReportHeading, PeriodName(report))),
            AdaptiveCard.Text(Terms.Format(ChannelText.ReportSubtitle, Months(report), CompiledAt(report), report.Version), isSubtle: true, spacing: "None"),
            AdaptiveCard.Text(ChannelText.SummaryHighlights, spacing: "Medium"),
        };
        body.AddRange(report.Highlights.Select(h => AdaptiveCard.Text(Terms.Format(ChannelText.Highlight, h), spacing: "None")));
        // The paper's selection: every Red, the key Ambers; the other Ambers are only counted, as the paper's appendices hold them.
        var reds = report.Concerns.Count(c => c.Rag == "Red");
        var ambers = report.Concerns.Count - reds;
        body.Add(AdaptiveCard.Text(report.OtherAmbers > 0
            ? Terms.Format(ChannelText.KeyExceptionsWithOthers, reds, ambers, report.OtherAmbers)
            : Terms.Format(ChannelText.KeyExceptions, reds, ambers), spacing: "Medium"));
        // Posted to the channel: restricted items are counted, never named.
        var concerns = ChannelDisclosure.Split(report.Concerns, c => c.Restricted);
        foreach (var concern in concerns.Named.Take(MaxConcernsListed))
        {
            var symbol = concern.Rag == "Red" ? "🔴" : "🟠";
            body.Add(AdaptiveCard.Text(concern.Figures is { Length: > 0 } figures
                ? Terms.Format(ChannelText.ConcernWithFigures, symbol, concern.Ref, concern.Title, figures, concern.Agency)
                : Terms.Format(ChannelText.Concern, symbol, concern.Ref, concern.Title, concern.Agency), spacing: "Small"));
        }

        if (concerns.Named.Count > MaxConcernsListed)
        {
            body.Add(AdaptiveCard.Text(Terms.Format(ChannelText.ConcernsMore, concerns.Named.Count - MaxConcernsListed), isSubtle: true));
        }

        if (ChannelDisclosure.WithheldLine(concerns.Withheld) is { } withheld)
        {
            body.Add(AdaptiveCard.Text(withheld, isSubtle: true));
        }

        if (report.Missing.Count > 0)
        {
            body.Add(AdaptiveCard.Text(Terms.Format(ChannelText.MissingReturns, report.Missing.Sum(m => m.Refs.Count), string.Join(ChannelText.AgencySeparator, report.Missing.Select(m => m.Agency).Distinct())), spacing: "Medium"));
        }

        JsonNode open = ReportLinkAction.Button(ReportingPeriod.Parse(report.PeriodId), report.Version, ChannelText.OpenReport);
        if (download is not null)
        {
            open = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = ChannelText.DownloadReport, ["url"] = download.Url };
            body.Add(AdaptiveCard.Text(Terms.Format(ChannelText.DownloadLink, ReportLinks.Lifetime.TotalMinutes.ToString("0", Words.Formatting), Spoken(download.ExpiresAt)), isSubtle: true, spacing: "Medium"));
        }

        return sharePointUrl is null
            ? AdaptiveCard.Create(body, [open])
            : AdaptiveCard.Create(body, [new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = ChannelText.OpenInFiles, ["url"] = sharePointUrl }, open]);
    }

    /// <summary>
    /// The compilation in the language now: the paper's Welsh twin of the same version (kept when it was compiled in
    /// Welsh or bilingual) for Welsh, else the stored English, whose card words, period, months and dates are still in
    /// the language now.
    /// </summary>
    private static ExceptionReport InLanguageNow(ExceptionReport report) =>
        Words.Current == Language.Welsh && report.Welsh is { } welsh ? welsh : report;

    /// <summary>"2025-26 Q2" / "2025-26 Ch2" (the stored report's own name when its period cannot be read).</summary>
    private static string PeriodName(ExceptionReport report) =>
        ReportingPeriod.TryParse(report.PeriodId, out var period) ? Terms.Period(period) : report.Period;

    /// <summary>"July – September 2025" / "Gorffennaf – Medi 2025".</summary>
    private static string Months(ExceptionReport report) =>
        ReportingPeriod.TryParse(report.PeriodId, out var period)
            ? Terms.Format(ChannelText.ReportMonths, Words.Date(period.FirstDay, "MMMM"), Words.Date(period.LastDay, "MMMM yyyy"))
            : report.Months;

    /// <summary>When the version was compiled, in the language now (the paper stores it written out in English).</summary>
    private static string CompiledAt(ExceptionReport report) =>
        DateTime.TryParseExact(report.CompiledAt, "d MMMM yyyy HH:mm", PartnershipTime.British, DateTimeStyles.None, out var compiled)
            ? compiled.ToString("d MMMM yyyy HH:mm", Words.Formatting)
            : report.CompiledAt;

    /// <summary>"14:05 on Tuesday 21 October 2025", as <see cref="PartnershipTime.Spoken"/>, in the language now.</summary>
    private static string Spoken(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, PartnershipTime.Zone);
        return Terms.Format(ChannelText.SpokenTime, local.ToString("HH:mm", Words.Formatting), local.ToString("dddd d MMMM yyyy", Words.Formatting));
    }
}
