using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Conversation;

namespace CspBot.Core.Features.Returns;

/// <summary><c>my actions</c>: the owner's list card for the open period, answerable in place.</summary>
public sealed class MyActionsCommand(MemberItems mine, ReportingCycle cycle) : IBotCommand
{
    public CommandInfo Info { get; } = new("my actions", "my actions", Permissions.AnswerReturns, "my returns", "my items");

    /// <summary>Returns carry commentary (some of it restricted), so they are only shown and answered in a personal chat.</summary>
    public static string PersonalChatOnly => ReturnText.PersonalChatOnly;

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Conversation.Kind != ConversationKind.Personal)
        {
            return [BotReply.Message(PersonalChatOnly)];
        }

        var period = cycle.OpenPeriod();
        if (await cycle.IsClosedAsync(period, cancellationToken))
        {
            return [BotReply.Message(ClosedMessage(period))];
        }

        var summary = await cycle.SummaryAsync(period, cancellationToken);
        var items = await mine.ForAsync(context.Member, period, cancellationToken);
        return [BotReply.WithCard(ReturnCards.List(summary, items, 0, context.Member), Terms.Format(ReturnText.ListHeading, Terms.Period(period)))];
    }

    /// <summary>What owners are told when the period they would answer for has been closed by an officer.</summary>
    public static string ClosedMessage(ReportingPeriod period) =>
        Terms.Format(ReturnText.ClosedPeriod, Terms.Period(period), Terms.Period(period.Next), Words.Date(period.Next.LastDay, ReturnText.ClosedPeriodDateFormat));
}

/// <summary><c>update DV-03</c>: the form for one item straight away.</summary>
public sealed class UpdateCommand(OwedItems owed, ReturnService returns, ReportingCycle cycle, ReturnForms forms) : IBotCommand
{
    public CommandInfo Info { get; } = new("update", $"update {CommandInfo.RefExample}", Permissions.AnswerReturns);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Conversation.Kind != ConversationKind.Personal)
        {
            return [BotReply.Message(MyActionsCommand.PersonalChatOnly)];
        }

        var reference = context.Arguments.Trim().ToUpperInvariant();
        if (reference.Length == 0)
        {
            return [BotReply.Message(ReturnText.UpdateWhich)];
        }

        var period = cycle.OpenPeriod();
        if (await cycle.IsClosedAsync(period, cancellationToken))
        {
            return [BotReply.Message(MyActionsCommand.ClosedMessage(period))];
        }

        var item = await owed.FindAsync(reference, period, cancellationToken);
        if (item is null)
        {
            return [BotReply.Message(Terms.Format(ReturnText.UpdateNotFound, reference))];
        }

        if (!await returns.CanChangeAsync(context.Member, item, cancellationToken))
        {
            return [BotReply.Message(item.NotYours)];
        }

        var summary = await cycle.SummaryAsync(period, cancellationToken);
        return [BotReply.WithCard(await forms.FormAsync(summary, item, null, new Dictionary<string, string>(), 0, cancellationToken), Terms.Format(ReturnText.FormSummary, item.Ref))];
    }
}
