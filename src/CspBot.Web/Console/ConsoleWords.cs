namespace CspBot.Web.Console;

/// <summary>
/// The words of the console's own endpoints (sign-in, sign-out, the language switch) that a person reads, in the
/// request's language: ConsoleWords.resx (English) and ConsoleWords.cy.resx beside this file, read through
/// <c>IStringLocalizer&lt;ConsoleWords&gt;</c>.
/// </summary>
public sealed class ConsoleWords
{
    private ConsoleWords()
    {
    }
}
