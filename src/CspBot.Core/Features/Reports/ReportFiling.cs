using System.Text.Json;
using CspBot.Core.Domain;
using CspBot.Core.Features.Channel;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// With Microsoft Graph on, a compiled report is filed in the partnership channel's Files before it is posted, so the
/// channel card links the SharePoint copy. The upload runs in a job: a bot turn or a compile never waits on Graph.
/// </summary>
public sealed class ReportFiling(CspDbContext db, IOptions<GraphOptions> options, IBackgroundJobClient jobs)
{
    public bool IsOn => options.Value is { Enabled: true, FileReportsInChannel: true };

    /// <summary>Queues filing and posting of a saved compilation; false when there is no partnership channel to post to.</summary>
    public async Task<bool> QueueAsync(ReportSnapshot snapshot, CancellationToken cancellationToken)
    {
        var channelId = await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).Select(p => p.ChannelConversationId).FirstOrDefaultAsync(cancellationToken);
        if (channelId is null || !await db.Conversations.AnyAsync(c => c.ConversationId == channelId, cancellationToken))
        {
            return false;
        }

        jobs.Enqueue<ReportFilingJob>(job => job.FileAndPostAsync(snapshot.Id, CancellationToken.None));
        return true;
    }
}

public sealed record FiledReport(string Period, int Version, string? SharePointUrl, string? FilingIssue, bool Posted);

/// <summary>Uploads the compilation's .docx to the channel's files folder, then posts the card with both links.</summary>
public sealed class ReportFilingJob(
    CspDbContext db,
    IGraphGateway graph,
    PartnershipChannel channel,
    IOptions<GraphOptions> options,
    IBackgroundJobClient jobs,
    ILogger<ReportFilingJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task<FiledReport?> FileAndPostAsync(int snapshotId, CancellationToken cancellationToken)
    {
        var snapshot = await db.ReportSnapshots.FirstOrDefaultAsync(r => r.Id == snapshotId, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        if (snapshot.SharePointUrl is null && snapshot.Docx is { Length: > 0 } docx)
        {
            await FileAsync(snapshot, docx, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var report = JsonSerializer.Deserialize<ExceptionReport>(snapshot.Content, ReportCompiler.Json)!;
        var posted = await channel.PostAsync(
            ReportCompiler.PostKey(snapshot.Period, snapshot.Version), "exception-report", () => ReportCompiler.Post(report, snapshot.SharePointUrl), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (posted)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        return new FiledReport(snapshot.Period.ToString(), snapshot.Version, snapshot.SharePointUrl, snapshot.FilingIssue, posted);
    }

    private async Task FileAsync(ReportSnapshot snapshot, byte[] docx, CancellationToken cancellationToken)
    {
        var channelId = await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).Select(p => p.ChannelConversationId).FirstOrDefaultAsync(cancellationToken);
        var teamId = await MemberReachRun.TeamIdAsync(db, options.Value, cancellationToken);
        if (channelId is null || teamId is null)
        {
            snapshot.FilingIssue = "not filed in the channel's Files: the team's group id is not known. Add the app to the partnership's team again, or set Graph:TeamId.";
            logger.LogWarning("The {Period} report v{Version} was not filed: {Reason}", snapshot.Period, snapshot.Version, snapshot.FilingIssue);
            return;
        }

        var fileName = $"{snapshot.Period.Id}-exception-report-v{snapshot.Version}.docx";
        try
        {
            var filed = await graph.UploadToChannelAsync(teamId, channelId, fileName, docx, cancellationToken);
            snapshot.SharePointUrl = filed.WebUrl;
            snapshot.FilingIssue = null;
            logger.LogInformation("Filed the {Period} report v{Version} in the channel's Files as {FileName} ({Bytes} bytes): {WebUrl}",
                snapshot.Period, snapshot.Version, fileName, docx.Length, filed.WebUrl);
        }
        catch (GraphCallException ex)
        {
            snapshot.FilingIssue = GraphPermissions.Explain(ex, GraphOperation.FileReport);
            if (ex.Failure is GraphFailure.Forbidden or GraphFailure.Unauthorized)
            {
                logger.LogError("The {Period} report v{Version} was not filed in the channel ({Status}): {Reason}", snapshot.Period, snapshot.Version, ex.StatusText, snapshot.FilingIssue);
            }
            else
            {
                logger.LogWarning(ex, "The {Period} report v{Version} was not filed in the channel ({Status}): {Reason}", snapshot.Period, snapshot.Version, ex.StatusText, snapshot.FilingIssue);
            }
        }
    }
}
