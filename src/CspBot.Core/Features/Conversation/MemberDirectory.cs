using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Conversation;

/// <summary>Who is talking: maps a Teams user to a partnership member and remembers the link.</summary>
public sealed class MemberDirectory(CspDbContext db, ILogger<MemberDirectory> logger)
{
    /// <summary>The member an earlier roster answer linked to this Teams user id, if any.</summary>
    public Task<Member?> FindByTeamsUserAsync(string teamsUserId, CancellationToken cancellationToken) =>
        db.Members.FirstOrDefaultAsync(m => m.TeamsUserId == teamsUserId, cancellationToken);

    public Task<Member?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        db.Members.FirstOrDefaultAsync(m => m.Email == email, cancellationToken);

    /// <summary>
    /// The member a signed-in Entra user is (tab single sign-on or a browser sign-in): by their object id once known,
    /// else by their user principal name or email, which links the object id for next time. Null when not a member.
    /// </summary>
    public async Task<Member?> FindSignedInAsync(string? entraObjectId, IEnumerable<string?> names, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(entraObjectId) && await db.Members.FirstOrDefaultAsync(m => m.EntraObjectId == entraObjectId, cancellationToken) is { } known)
        {
            return known;
        }

        var candidates = Candidates(names);
        var member = await db.Members.FirstOrDefaultAsync(m => candidates.Contains(m.Email), cancellationToken);
        if (member is null)
        {
            logger.LogWarning("Signed-in user {ObjectId} ({Names}) is not a partnership member", entraObjectId, string.Join(",", candidates));
            return null;
        }

        if (!string.IsNullOrWhiteSpace(entraObjectId) && member.EntraObjectId is null)
        {
            member.EntraObjectId = entraObjectId;
            await db.SaveChangesAsync(cancellationToken);
        }

        return member;
    }

    /// <summary>
    /// Finds a member by the email (or UPN) the Teams roster gave for a user and links them to that Teams identity and
    /// Entra object id (both from the roster). Null when not in the partnership.
    /// </summary>
    public async Task<Member?> LinkByEmailAsync(string teamsUserId, string? entraObjectId, IEnumerable<string?> emails, CancellationToken cancellationToken, string? givenName = null)
    {
        var candidates = Candidates(emails);
        var member = await db.Members.FirstOrDefaultAsync(m => candidates.Contains(m.Email), cancellationToken);
        if (member is null)
        {
            logger.LogWarning("Teams user {TeamsUserId} ({Emails}) is not a partnership member", teamsUserId, string.Join(",", candidates));
            return null;
        }

        member.TeamsUserId = teamsUserId;
        member.EntraObjectId = entraObjectId ?? member.EntraObjectId;
        member.GivenName = string.IsNullOrWhiteSpace(givenName) ? member.GivenName : FreeText.Normalise(givenName);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Linked Teams user {TeamsUserId} to member {Member}", teamsUserId, member.Email);
        return member;
    }

    /// <summary>The addresses a person might be known by, as members' emails are stored (trimmed, lower case).</summary>
    private static List<string> Candidates(IEnumerable<string?> emails) =>
        emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim().ToLowerInvariant()).Distinct().ToList();
}
