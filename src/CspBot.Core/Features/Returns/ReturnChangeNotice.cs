using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
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
        var who = await WhoAsync(reader, current.SubmittedBy, cancellationToken);
        who = char.ToUpperInvariant(who[0]) + who[1..];
        var at = TimeZoneInfo.ConvertTime(current.UpdatedAt, PartnershipTime.Zone);
        var when = DateOnly.FromDateTime(at.DateTime) == clock.LocalToday()
            ? at.ToString("HH:mm", PartnershipTime.British)
            : at.ToString("HH:mm 'on' ddd d MMM", PartnershipTime.British);
        var now = current.Status is { } status ? $" (now {status})" : current.Actual is { } actual ? $" (now {actual:0.####})" : string.Empty;
        return $"{who} changed this at {when}{now}";
    }

    /// <summary>A member named to the reader: "you", or their name (their email when they are no longer a member).</summary>
    public async Task<string> WhoAsync(Member reader, string email, CancellationToken cancellationToken) =>
        string.Equals(email, reader.Email, StringComparison.OrdinalIgnoreCase)
            ? "you"
            : (await directory.FindByEmailAsync(email, cancellationToken))?.Name ?? email;
}
