using System.Globalization;
using CspBot.Core.Features.Conversation;

namespace CspBot.Core.Tests.Localisation;

/// <summary>
/// A command's description is written once, in HelpText (<c>Command_{name}</c>, English and Welsh), which the help card
/// reads: every command the product registers has one in both languages.
/// </summary>
public sealed class CommandDescriptionTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(IBotCommand).Assembly.GetTypes()
            .Where(t => typeof(IBotCommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void EveryCommandOfTheProduct_IsFound()
    {
        Assert.True(Commands().Count >= 12, "the product's commands were not found");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommand_HasItsDescription_InEnglishAndWelsh(string typeName)
    {
        var info = InfoOf(typeof(IBotCommand).Assembly.GetType(typeName, throwOnError: true)!);
        var key = $"Command_{info.Name}";

        var english = HelpText.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)?.GetString(key);
        var welsh = HelpText.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo("cy"), createIfNotExists: true, tryParents: false)?.GetString(key);

        Assert.False(string.IsNullOrWhiteSpace(english), $"HelpText.resx has no {key}");
        Assert.False(string.IsNullOrWhiteSpace(welsh), $"HelpText.cy.resx has no {key}");
        Assert.NotEqual(english, welsh);
    }

    /// <summary>The command's Info, set when it is made: its services are not used for that, so nulls will do.</summary>
    private static CommandInfo InfoOf(Type type)
    {
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var command = (IBotCommand)constructor.Invoke(constructor.GetParameters()
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray());
        return command.Info;
    }
}
