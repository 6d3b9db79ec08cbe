using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Localisation;

/// <summary>
/// Which language a person's messages are written in (their choice, else the partnership's default, with Teams'
/// locale as a hint: <see cref="LanguageCodes.For"/>), and recording a new choice in the change history. Build each
/// person's message inside <c>using (CultureScope.Use(await languages.ForAsync(member, …)))</c>.
/// </summary>
public sealed class PersonalLanguage(CspDbContext db, TimeProvider clock, ILogger<PersonalLanguage> logger)
{
    private PartnershipLanguage? partnershipDefault;

    public async Task<Language> ForAsync(Member member, string? teamsLocale, CancellationToken cancellationToken) =>
        LanguageCodes.For(member.Language, await DefaultAsync(cancellationToken), teamsLocale);

    /// <summary>The partnership's default language (English when no partnership is set up), read once per scope.</summary>
    public async Task<PartnershipLanguage> DefaultAsync(CancellationToken cancellationToken) =>
        partnershipDefault ??= await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).Select(p => (PartnershipLanguage?)p.DefaultLanguage).FirstOrDefaultAsync(cancellationToken)
            ?? PartnershipLanguage.English;

    /// <summary>Records <paramref name="member"/>'s choice (null: none recorded), by whom and from where; false when it was already so.</summary>
    public async Task<bool> SetAsync(Member member, Language? language, string actor, ChangeSource source, CancellationToken cancellationToken)
    {
        var tracked = await db.Members.FirstAsync(m => m.Id == member.Id, cancellationToken);
        if (tracked.Language == language)
        {
            return false;
        }

        tracked.Language = language;
        await db.SaveChangesWithHistoryAsync(actor, source, clock.GetUtcNow(), cancellationToken);
        member.Language = language;
        logger.LogInformation("{Actor} set the language of {Member} to {Language} ({Source})", actor, member.Email, language?.Code() ?? "none", source);
        return true;
    }
}
