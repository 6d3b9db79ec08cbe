using System.Text.Json.Nodes;
using CspBot.Core.Features.Returns;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Testing;

/// <summary>Card data as one of the bot's own cards would carry it, for tests and benchmarks that click a card by hand.</summary>
public static class SealedCardData
{
    /// <summary>A copy of <paramref name="data"/> with its <paramref name="verb"/>, sealed by the app's <see cref="CardSeal"/>.</summary>
    public static async Task<JsonObject> ForAsync(IServiceProvider services, string verb, JsonObject data)
    {
        var copy = data.DeepClone().AsObject();
        copy["verb"] = verb;
        var action = new JsonObject { ["type"] = "Action.Execute", ["data"] = copy };
        await services.GetRequiredService<CardSeal>().SealAsync(action, CancellationToken.None);
        return action["data"]!.DeepClone().AsObject();
    }
}
