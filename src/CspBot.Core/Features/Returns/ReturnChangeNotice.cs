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
        var who = string.Equals(current.SubmittedBy, reader.Email, StringComparison.OrdinalIgnoreCase)
            ? "You"
            : (await directory.FindByEmailAsync(current.SubmittedBy, cancellationToken))?.Name ?? current.SubmittedBy;
        var at = TimeZoneInfo.ConvertTime(current.UpdatedAt, PartnershipTime.Zone);
        var when = DateOnly.FromDateTime(at.DateTime) == clock.LocalToday()
            ? at.ToString("HH:mm", PartnershipTime.British)
            : at.ToString("HH:mm 'on' ddd d MMM", PartnershipTime.British);
        var now = current.Status is { } status ? $" (now {status})" : current.Actual is { } actual ? $" (now {actual:0.####})" : string.Empty;
        return $"{who} changed this at {when}{now}";
    }
}
