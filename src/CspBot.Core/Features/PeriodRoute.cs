using Microsoft.AspNetCore.Http;

namespace CspBot.Core.Features;

/// <summary>What every operations API route with a <c>{period}</c> answers when it is not one.</summary>
public static class PeriodRoute
{
    public static IResult BadPeriod(string period) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'{period}' is not a reporting period; write it like 2025-26-Q3.");
}
