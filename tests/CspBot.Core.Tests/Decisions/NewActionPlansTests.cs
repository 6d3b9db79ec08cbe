using CspBot.Core.Domain;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Reminders;

namespace CspBot.Core.Tests.Decisions;

/// <summary>The delivery plans offered for a new action follow the outcome chosen.</summary>
public sealed class NewActionPlansTests
{
    private static readonly StrategicOutcome Violence = new() { Id = 1, Code = "VIO", Title = "Reduce serious violence" };
    private static readonly StrategicOutcome Asb = new() { Id = 2, Code = "ASB", Title = "Reduce anti-social behaviour" };
    private static readonly StrategicOutcome New = new() { Id = 3, Code = "NEW", Title = "A new priority" };
    private static readonly Plan Gangs = new() { Id = 10, Name = "Gangs & Youth Violence Plan" };
    private static readonly Plan AsbPlan = new() { Id = 11, Name = "ASB Plan" };
    private static readonly Plan Dv = new() { Id = 12, Name = "Domestic Violence & VAWG Plan" };
    private static readonly Plan[] Plans = [AsbPlan, Dv, Gangs];

    private static PlanAction Action(string reference, Plan plan, StrategicOutcome outcome) =>
        new() { Ref = reference, PlanId = plan.Id, OutcomeId = outcome.Id, Title = reference, Agency = "Council" };

    private static readonly PlanAction[] Actions = [Action("GYV-01", Gangs, Violence), Action("DV-09", Dv, Violence), Action("ASB-01", AsbPlan, Asb)];

    [Fact]
    public void PlansFor_AnOutcome_AreThoseHoldingItsActions() =>
        Assert.Equal(["Domestic Violence & VAWG Plan", "Gangs & Youth Violence Plan"], NewActions.PlansFor(Violence, Plans, Actions).Select(p => p.Name));

    [Fact]
    public void PlansFor_NoOutcome_OrOneWithoutActionsYet_AreEveryPlan()
    {
        Assert.Equal(3, NewActions.PlansFor(null, Plans, Actions).Count);
        Assert.Equal(3, NewActions.PlansFor(New, Plans, Actions).Count);
    }

    [Theory]
    [InlineData(1, false, "1 return outstanding")]
    [InlineData(3, false, "3 returns outstanding")]
    [InlineData(2, true, "2 returns late")]
    public void ChaseWords_OwingIsOutstandingBeforeTheDeadline_LateAfter(int count, bool pastDeadline, string said) =>
        Assert.Equal(said, ChaseWords.Owing(count, pastDeadline));
}
