namespace CspBot.Web.Tests.Corpus;

/// <summary>What every hostile or broken request in the corpus must leave behind: a healthy app and no internals.</summary>
public static class CorpusAssert
{
    /// <summary>Fragments of stack traces, file paths, exception names and the test's secrets that no answer may carry.</summary>
    private static readonly string[] Leaks =
    [
        "   at ", ".cs:line", "Exception:", "Exception\"", "System.", "Microsoft.", "/tmp/", "/work/", "/root/", "cspbot-test-", "test-secret", "Data Source=",
    ];

    public static void NothingLeaks(string body)
    {
        foreach (var leak in Leaks)
        {
            Assert.False(body.Contains(leak, StringComparison.Ordinal), $"the answer carries '{leak}': {body[..Math.Min(body.Length, 400)]}");
        }
    }

    public static async Task HealthyAsync(Support.CspBotApp app) =>
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/health"));
}
