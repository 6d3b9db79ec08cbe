using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;

namespace CspBot.Core.Features.Decisions;

/// <summary>What the decision forms offer: outcomes, plans, owners, indicators, due choices, periods.</summary>
public sealed record DecisionChoices(
    IReadOnlyList<StrategicOutcome> Outcomes,
    IReadOnlyList<Plan> Plans,
    IReadOnlyList<Member> Owners,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<(string Title, string Value)> Due,
    IReadOnlyList<ReportingPeriod> TargetPeriods,
    DateOnly LastMeeting);

/// <summary>
/// The cards an officer records the board's and the PMG's decisions with: a new action (owner chosen with Teams'
/// type-ahead search of the members) and a target change.
/// </summary>
public static class DecisionCards
{
    public const string ActionFormVerb = "cspbot.decision.action";
    public const string TargetFormVerb = "cspbot.decision.target";
    public const string SaveActionVerb = "cspbot.decision.action.save";
    public const string SaveTargetVerb = "cspbot.decision.target.save";
    public const string MenuVerb = "cspbot.decision.menu";

    /// <summary>The dataset the owner field's type-ahead asks for (Teams sends an <c>application/search</c> invoke).</summary>
    public const string MembersDataset = "members";

    /// <summary>Owners listed in the card itself; beyond these the type-ahead finds them.</summary>
    public const int StaticOwners = 30;

    public static JsonObject Menu(string? banner = null)
    {
        var body = new List<JsonNode>();
        if (banner is not null)
        {
            body.Add(AdaptiveCard.Text(banner, weight: "Bolder", color: "Good"));
        }

        body.Add(AdaptiveCard.Heading(DecisionText.MenuHeading));
        body.Add(AdaptiveCard.Text(DecisionText.MenuIntro, isSubtle: true, spacing: "None"));
        return AdaptiveCard.Create(body,
        [
            AdaptiveCard.Execute(DecisionText.NewAction, ActionFormVerb, new JsonObject()),
            AdaptiveCard.Execute(DecisionText.TargetChange, TargetFormVerb, new JsonObject()),
        ]);
    }

    public static JsonObject ActionForm(DecisionChoices choices, IReadOnlyDictionary<string, string?>? typed = null, string? problem = null)
    {
        string? Typed(string field) => typed?.GetValueOrDefault(field);
        var body = Start(DecisionText.ActionFormHeading, problem);
        body.Add(AdaptiveCard.TextInput("title", DecisionText.WhatWasAskedFor, Typed("title"), multiline: true, maxLength: 1000));
        body.Add(AdaptiveCard.ChoiceInput("outcome", DecisionText.StrategicOutcome, Typed("outcome"), [.. choices.Outcomes.Select(o => ($"{o.Code}: {o.Title}", o.Code))]));
        body.Add(AdaptiveCard.ChoiceInput("plan", DecisionText.DeliveryPlan, Typed("plan"), [.. choices.Plans.Select(p => (p.Name, p.Name))]));
        var owner = AdaptiveCard.ChoiceInput("owner", DecisionText.OwnerSearch, Typed("owner"), [.. choices.Owners.Take(StaticOwners).Select(m => ($"{m.Name} ({m.Agency})", m.Email))]);
        owner["style"] = "filtered";
        owner["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = MembersDataset };
        body.Add(owner);
        body.Add(AdaptiveCard.ChoiceInput("due", DecisionText.Due, Typed("due") ?? choices.Due.FirstOrDefault().Value, [.. choices.Due]));
        return AdaptiveCard.Create(body,
        [
            AdaptiveCard.Execute(DecisionText.AddTheAction, SaveActionVerb, new JsonObject(), style: "positive"),
            AdaptiveCard.Execute(DecisionText.Back, MenuVerb, new JsonObject()),
        ]);
    }

    public static JsonObject TargetForm(DecisionChoices choices, IReadOnlyDictionary<string, string?>? typed = null, string? problem = null)
    {
        string? Typed(string field) => typed?.GetValueOrDefault(field);
        var body = Start(DecisionText.TargetChange, problem);
        var indicator = AdaptiveCard.ChoiceInput("indicator", DecisionText.Indicator, Typed("indicator"),
            [.. choices.Indicators.Select(i => (Terms.Format(DecisionText.IndicatorChoice, i.Ref, i.Title, ExceptionReport.WithUnit(i.Target, i.Unit)), i.Ref))]);
        indicator["style"] = "filtered";
        body.Add(indicator);
        body.Add(AdaptiveCard.TextInput("target", DecisionText.NewTarget, Typed("target"), maxLength: 20));
        body.Add(AdaptiveCard.ChoiceInput("from", DecisionText.AppliesFrom, Typed("from") ?? choices.TargetPeriods[0].Id, [.. choices.TargetPeriods.Select(p => (Terms.Period(p), p.Id))]));
        body.Add(AdaptiveCard.ChoiceInput("decidedBy", DecisionText.DecidedBy, Typed("decidedBy") ?? TargetChanges.Deciders[0], [.. TargetChanges.Deciders.Select(d => (TargetChanges.Decider(d), d))]));
        body.Add(AdaptiveCard.DateInput("decidedOn", DecisionText.DateOfDecision, Typed("decidedOn") ?? choices.LastMeeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        body.Add(AdaptiveCard.TextInput("reason", DecisionText.ReasonAsMinuted, Typed("reason"), multiline: true, maxLength: TargetChanges.MaxReason));
        return AdaptiveCard.Create(body,
        [
            AdaptiveCard.Execute(DecisionText.RecordTheChange, SaveTargetVerb, new JsonObject(), style: "positive"),
            AdaptiveCard.Execute(DecisionText.Back, MenuVerb, new JsonObject()),
        ]);
    }

    private static List<JsonNode> Start(string heading, string? problem)
    {
        var body = new List<JsonNode> { AdaptiveCard.Heading(heading) };
        if (problem is not null)
        {
            body.Add(AdaptiveCard.Text(problem, color: "Attention", weight: "Bolder"));
        }

        return body;
    }
}
