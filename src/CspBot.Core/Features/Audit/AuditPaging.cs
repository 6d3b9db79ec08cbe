using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
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
            return all == 0 ? AuditText.NoChangesInPeriod : Counted.In(AuditText.ResourceManager, "NoneMatch", all);
        }

        var first = (page * pageSize) + 1;
        var last = Math.Min(matching, (page + 1) * pageSize);
        var range = matching <= pageSize
            ? Counted.In(AuditText.ResourceManager, "Shown", matching)
            : Terms.Format(AuditText.ShownRange, first.ToString("N0", Words.Formatting), last.ToString("N0", Words.Formatting), matching.ToString("N0", Words.Formatting));
        return matching < all ? Terms.Format(AuditText.NewestFirstOfAll, range, all.ToString("N0", Words.Formatting)) : Terms.Format(AuditText.NewestFirst, range);
    }
}
