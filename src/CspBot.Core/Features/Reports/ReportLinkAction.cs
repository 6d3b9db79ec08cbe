using System.Text.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Channel;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// "Open the report (Word)" on a report or scorecard card: the card comes back, for the person who clicked, with a
/// download link made for them (<see cref="ReportLinks"/>). Any member of the partnership may read the report.
/// </summary>
public sealed class ReportLinkAction(CspDbContext db, ReportLinks links) : ICardAction
{
    public const string Verb = "cspbot.report.open";

    public IReadOnlyCollection<string> Verbs { get; } = [Verb];

    /// <summary>The button that asks for a link to one compiled version.</summary>
    public static JsonObject Button(ReportingPeriod period, int version, string? title = null) =>
        AdaptiveCard.Execute(title ?? ReportText.OpenReport, Verb, new JsonObject { ["period"] = period.Id, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (!ReportingPeriod.TryParse(CardActionRouter.Text(data, "period"), out var period) || !int.TryParse(CardActionRouter.Text(data, "version"), out var version))
        {
            return CardActionResult.Say(CardActionRouter.OutOfDate);
        }

        var snapshot = await db.ReportSnapshots.AsNoTracking()
            .Where(r => r.Period == period && r.Version == version)
            .Select(r => new { r.Content, r.SharePointUrl })
            .FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null)
        {
            return CardActionResult.Say(Terms.Format(ReportText.ReportGone, version, ExceptionReport.PeriodName(period)));
        }

        var report = JsonSerializer.Deserialize<ExceptionReport>(snapshot.Content, ReportCompiler.Json)!;
        var link = await links.MintAsync(member.Id, period, version, cancellationToken);
        return CardActionResult.Replace(ExceptionReportCard.Build(report, snapshot.SharePointUrl, link)) with { ForClickerOnly = true };
    }
}
