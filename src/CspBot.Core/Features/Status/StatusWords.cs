using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Status;

/// <summary>The words of the cycle's status, shared by the <c>status</c> card and the Cycle page, in the language now.</summary>
public static class StatusWords
{
    /// <summary>"1 message could not be delivered.", "3 messages could not be delivered."</summary>
    public static string Undelivered(int count) => Counted.In(StatusText.ResourceManager, "Undelivered", count);

    /// <summary>"2 awaiting check · 1 queried": what the officers still have to check.</summary>
    public static string ToCheck(int awaiting, int queried) => Terms.Format(StatusText.ToCheck, awaiting, queried);
}
