namespace CspBot.Core.Features.Graph;

/// <summary>What the bot was doing when a Graph call failed: each needs its own permission.</summary>
public enum GraphOperation
{
    LookUpUsers,
    InstallApp,
    ReadTeamMembers,
    FileReport,
}

/// <summary>The Microsoft Graph application permissions the bot uses, and plain explanations of Graph failures.</summary>
public static class GraphPermissions
{
    /// <summary>Find members and guests by email (always, when Graph is on).</summary>
    public const string ReadUsers = "User.Read.All";

    /// <summary>Install the Teams app for a member and read the chat it creates (Graph:InstallAppForMembers).</summary>
    public const string InstallApp = "TeamsAppInstallation.ReadWriteForUser.All";

    /// <summary>Read the partnership team's roster (Graph:SyncTeamMembers).</summary>
    public const string ReadTeamMembers = "TeamMember.Read.All";

    /// <summary>Find the channel's files folder and upload the report to it (Graph:FileReportsInChannel).</summary>
    public const string WriteFiles = "Files.ReadWrite.All";

    public static string For(GraphOperation operation) => operation switch
    {
        GraphOperation.LookUpUsers => ReadUsers,
        GraphOperation.InstallApp => InstallApp,
        GraphOperation.ReadTeamMembers => ReadTeamMembers,
        _ => WriteFiles,
    };

    /// <summary>What went wrong and what to do about it, in a sentence an officer or administrator can act on.</summary>
    public static string Explain(GraphCallException failure, GraphOperation operation)
    {
        var doing = operation switch
        {
            GraphOperation.LookUpUsers => "look up users",
            GraphOperation.InstallApp => "install the app for them",
            GraphOperation.ReadTeamMembers => "read the team's members",
            _ => "file the report in the channel's Files",
        };
        return failure.Failure switch
        {
            GraphFailure.Forbidden =>
                $"Microsoft Graph refused to {doing} ({failure.StatusText}): grant the app registration the {For(operation)} application permission with admin consent"
                + (operation == GraphOperation.InstallApp ? ", and check no Teams app permission policy blocks the app for them." : "."),
            GraphFailure.Unauthorized =>
                $"Microsoft Graph could not sign the app in ({failure.StatusText}): check Graph:TenantId, Graph:ClientId and the client secret or managed identity.",
            GraphFailure.Throttled =>
                $"Microsoft Graph is throttling the app ({failure.StatusText}) even after waiting as asked: the bot will try again on its next run.",
            GraphFailure.Unavailable =>
                $"Microsoft Graph did not answer ({failure.StatusText}) after retrying: the bot will try again on its next run.",
            GraphFailure.NotFound when operation == GraphOperation.InstallApp =>
                $"Microsoft Graph could not install the app for them ({failure.StatusText}): check Graph:TeamsAppCatalogId is the app's id in the organisation's app catalogue (not its manifest id) and that the user still exists.",
            GraphFailure.NotFound =>
                $"Microsoft Graph cannot find the partnership's team or channel ({failure.StatusText}): set Graph:TeamId to the team's group id, or add the app to the team again.",
            _ => $"Microsoft Graph could not {doing} ({failure.StatusText}): {failure.Message}",
        };
    }
}
