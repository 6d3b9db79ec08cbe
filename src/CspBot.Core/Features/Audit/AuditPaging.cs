using CspBot.Core.Domain;
using CspBot.Core.Persistence;

namespace CspBot.Core.Features.Audit;

/// <summary>The Audit page's history: a period's changes in words, newest first, a page of <see cref="PageSize"/> at a time so the page stays short.</summary>
public static class AuditPaging
{
    public const int PageSize = 50;

    /// <summary>The period's changes (as the CSV has them) in the partnership's words, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> NewestFirstAsync(CspDbContext db, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var names = await AuditWords.NamesAsync(db, cancellationToken);
        return [.. (await AuditExport.ChangesAsync(db, period, cancellationToken)).Reverse().Select(c => AuditWords.Describe(c, names))];
    }

    /// <summary>"Changes 1 to 50 of 1,204 shown, newest first (1,310 in the period)"; "No changes match." when none do.</summary>
    public static string Status(int matching, int all, int page, int pageSize = PageSize)
    {
        if (matching == 0)
        {
            return all == 0 ? "No changes in this period." : $"None of the {Counted.Of(all, "change")} match.";
        }

        var first = (page * pageSize) + 1;
        var last = Math.Min(matching, (page + 1) * pageSize);
        var range = matching <= pageSize ? $"{Counted.Of(matching, "change")} shown" : $"Changes {first:N0} to {last:N0} of {matching:N0} shown";
        return range + (matching < all ? $", newest first ({all:N0} in the period)." : ", newest first.");
    }
}
