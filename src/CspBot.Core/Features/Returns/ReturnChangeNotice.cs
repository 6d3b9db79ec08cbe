using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Returns;

/// <summary>
/// Says who changed a return since a card or form was shown, to the person reading it: "Aisha Karim changed this at
/// 10:02 (now Amber)", or "You …" when it was themselves in another window. The cards, the check card and the console
/// all say it the same way.
/// </summary>
public sealed class ReturnChangeNotice(MemberDirectory directory, TimeProvider clock)
{
    public async Task<string> WhoChangedAsync(Member reader, Return current, CancellationToken cancellationToken)
    {
        var at = TimeZoneInfo.ConvertTime(current.UpdatedAt, PartnershipTime.Zone);
        var when = at.ToString(DateOnly.FromDateTime(at.DateTime) == clock.LocalToday() ? ReturnText.ChangedTimeToday : ReturnText.ChangedTimeOtherDay, Words.Formatting);
        var now = current.Status is { } status ? Terms.Format(ReturnText.NowShown, Terms.Status(status))
            : current.Actual is { } actual ? Terms.Format(ReturnText.NowShown, actual.ToString("0.####", Words.Formatting))
            : string.Empty;
        if (string.Equals(current.SubmittedBy, reader.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Terms.Format(ReturnText.ChangedByYou, when, now);
        }

        var who = await WhoAsync(reader, current.SubmittedBy, cancellationToken);
        return Terms.Format(ReturnText.ChangedByOther, char.ToUpperInvariant(who[0]) + who[1..], when, now);
    }

    /// <summary>A member named to the reader: "you", or their name (their email when they are no longer a member).</summary>
    public async Task<string> WhoAsync(Member reader, string email, CancellationToken cancellationToken) =>
        string.Equals(email, reader.Email, StringComparison.OrdinalIgnoreCase)
            ? "you"
            : (await directory.FindByEmailAsync(email, cancellationToken))?.Name ?? email;
}
