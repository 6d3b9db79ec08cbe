using CspBot.Core.Features.Variation;

namespace CspBot.Core.Tests.Variation;

public class VariationEndpointsTests
{
    [Fact]
    public void RuleNames_AreTheApisWords_InRuleOrder()
    {
        Assert.Equal(["limit", "run", "trend", "twoOfThree"], VariationEndpoints.RuleNames(SpecialCause.TwoOfThree | SpecialCause.Trend | SpecialCause.Run | SpecialCause.Limit));
        Assert.Equal(["limit", "twoOfThree"], VariationEndpoints.RuleNames(SpecialCause.TwoOfThree | SpecialCause.Limit));
        Assert.Empty(VariationEndpoints.RuleNames(SpecialCause.None));
    }
}
