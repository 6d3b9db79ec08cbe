using CspBot.Core.Domain;

namespace CspBot.Core.Tests.Domain;

public class MemberTests
{
    [Theory]
    [InlineData("Priya Shah", "Priya")]
    [InlineData("Cllr Helen Marsh", "Helen")]
    [InlineData("DI Mark Reid", "Mark")]
    [InlineData("Station Cdr Daniel Price", "Daniel")]
    [InlineData("Ch Insp Peter Osei", "Peter")]
    [InlineData("Dr. Grace Okoye", "Grace")]
    [InlineData("Cllr", "Cllr")]
    public void FirstName_SkipsTitles(string name, string expected)
    {
        var member = new Member { Email = "x@example.org", Name = name, Agency = "Council" };

        Assert.Equal(expected, member.FirstName);
    }
}
