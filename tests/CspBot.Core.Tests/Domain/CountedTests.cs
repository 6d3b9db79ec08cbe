using CspBot.Core.Domain;

namespace CspBot.Core.Tests.Domain;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 owners")]
    [InlineData(1, "1 owner")]
    [InlineData(2, "2 owners")]
    [InlineData(1204, "1,204 owners")]
    public void Of_IsSingularForOne_PluralOtherwise(int count, string said) => Assert.Equal(said, Counted.Of(count, "owner"));

    [Fact]
    public void Of_TakesAnIrregularPlural() => Assert.Equal(("1 return is", "3 returns are"), (Counted.Of(1, "return is", "returns are"), Counted.Of(3, "return is", "returns are")));
}
