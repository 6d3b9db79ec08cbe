using System.Text.RegularExpressions;
using CspBot.Core.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CspBot.Core.Tests.Localisation;

/// <summary>
/// Issue 28: every word a person reads comes from the word files (Name.resx and Name.cy.resx), so a sentence written
/// straight into C# or Razor would reach a Welsh reader in English. This reads the product's source (C# with Roslyn, Razor
/// as markup) and fails on prose outside the word files: a literal of two or more words, Razor text between tags, and
/// the text of attributes people read (aria-label, title, placeholder, alt, Label…). What is not for people is left
/// out by where it stands (log messages, exceptions for developers, attributes, regular expressions) and the rest by
/// <c>user-facing-text-allowed.txt</c>, each line with its reason.
/// </summary>
public sealed partial class UserFacingTextTests
{
    private static readonly string[] Folders = [Path.Combine("src", "CspBot.Core"), Path.Combine("src", "CspBot.Web")];

    /// <summary>Exceptions a developer or an operator reads, never a partnership member.</summary>
    private static readonly HashSet<string> DeveloperExceptions =
    [
        "InvalidOperationException", "ArgumentException", "ArgumentOutOfRangeException", "ArgumentNullException", "NotSupportedException",
        "NotImplementedException", "InvalidDataException", "FormatException", "OptionsValidationException", "UnreachableException",
        "KeyNotFoundException", "TimeoutException", "HttpRequestException", "JsonException", "IOException", "DbUpdateException",
    ];

    /// <summary>Attributes whose text people read or hear (a screen reader reads aria-label and alt; a tooltip shows title).</summary>
    private static readonly HashSet<string> ReadAttributes = new(StringComparer.Ordinal)
    {
        "aria-label", "title", "placeholder", "alt", "aria-description", "aria-roledescription",
        "Label", "Title", "Placeholder", "Text", "AriaLabel", "Message", "Heading", "Caption",
    };

    [Fact]
    public void NoSentenceForPeople_IsWrittenOutsideTheWordFiles()
    {
        var allowed = Allowed();
        var found = SourceFiles().SelectMany(file => file.EndsWith(".razor", StringComparison.Ordinal) ? InRazor(file) : InCSharp(file))
            .Where(f => !allowed.Any(a => a.Matches(f)))
            .ToList();
        var unused = allowed.Where(a => a.Pattern is not null && !SourceFiles().SelectMany(file => file.EndsWith(".razor", StringComparison.Ordinal) ? InRazor(file) : InCSharp(file)).Any(a.Matches)).ToList();

        Assert.True(found.Count == 0, $"{found.Count} sentences for people outside the word files (move them to the slice's .resx and .cy.resx, or allow them with a reason in user-facing-text-allowed.txt):\n"
            + string.Join("\n", found.Select(f => $"{f.File}:{f.Line}: {f.Text}")));
        Assert.True(unused.Count == 0, "allowed text no longer in the source (remove the line):\n" + string.Join("\n", unused.Select(u => u.Raw)));
    }

    [Fact]
    public void TheCheck_FindsProse_InCSharpAndRazor_ButNotLogsExceptionsOrIdentifiers()
    {
        const string code = """
            class A
            {
                void M(ILogger logger)
                {
                    var shown = "Nothing was saved yet.";
                    var named = $"Saved {reference}. Thank you";
                    logger.LogInformation("Sent {Count} reminders", 3);
                    throw new InvalidOperationException("No plural resource found");
                    var key = "cspbot.return.submit";
                    var word = "Amber";
                }
            }
            """;
        Assert.Equal(["Nothing was saved yet.", "Saved {…}. Thank you"], InCSharpText("a.cs", code).Select(f => f.Text));

        const string razor = """
            <h1>Returns to check</h1>
            <FluentButton Label="Sign out" OnClick="@Go">@L["Next"]</FluentButton>
            <span aria-label="@L["Menu"]">@count</span>
            <p>@L["Saved"] · 12</p>
            @code {
                private string x = "not markup";  // C# in @code is read by the C# rules
            }
            """;
        Assert.Equal(["Sign out", "Returns to check", "not markup"], InRazorText("a.razor", razor).Select(f => f.Text));
    }

    private sealed record Finding(string File, int Line, string Text);

    private sealed record Allowance(string Raw, string Path, string? Pattern)
    {
        public bool Matches(Finding finding) =>
            (finding.File == Path || (Path.EndsWith('/') && finding.File.StartsWith(Path, StringComparison.Ordinal)))
            && (Pattern is null || finding.Text.Contains(Pattern, StringComparison.Ordinal));
    }

    /// <summary>Lines "path | text it contains | reason" or "folder/ | | reason" (a whole file or folder); # starts a comment.</summary>
    private static List<Allowance> Allowed() =>
        File.ReadAllLines(RepositoryFiles.PathOf("tests", "CspBot.Core.Tests", "Localisation", "user-facing-text-allowed.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('|', 3))
            .Select(p =>
            {
                Assert.True(p.Length == 3 && p[2].Trim().Length > 0, $"an allowance needs a path, a text (or nothing) and a reason: {string.Join('|', p)}");
                return new Allowance(string.Join('|', p), p[0].Trim(), p[1].Trim() is { Length: > 0 } text ? text : null);
            })
            .ToList();

    private static IEnumerable<string> SourceFiles() =>
        Folders.SelectMany(folder => Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<Finding> InCSharp(string file) => InCSharpText(file, File.ReadAllText(RepositoryFiles.PathOf(file)));

    private static IEnumerable<Finding> InCSharpText(string file, string code)
    {
        var root = CSharpSyntaxTree.ParseText(code).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            string? text = node switch
            {
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
                InterpolatedStringExpressionSyntax interpolated => string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : "{…}")),
                _ => null,
            };
            if (text is null || node.Parent is InterpolatedStringExpressionSyntax || !IsProse(text) || ForDevelopers(node))
            {
                continue;
            }

            yield return new Finding(file, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, text);
        }
    }

    /// <summary>Two or more words of letters in a row ("Saved DV-03", "Nothing was saved"), not an identifier, key or path.</summary>
    private static bool IsProse(string text) => TwoWords().IsMatch(text) && !text.Contains("://", StringComparison.Ordinal);

    private static bool ForDevelopers(SyntaxNode node)
    {
        for (var at = node.Parent; at is not null; at = at.Parent)
        {
            switch (at)
            {
                case AttributeSyntax:
                    return true;
                case InvocationExpressionSyntax call when Called(call) is { } name
                    && (name.StartsWith("Log", StringComparison.Ordinal) || name is "Throw" or "Fail" or "Assert" or "WriteLine" or "Regex" or "Matches" or "IsMatch" or "Replace"):
                    return true;
                case ObjectCreationExpressionSyntax created when DeveloperExceptions.Contains(created.Type.ToString().Split('.')[^1]):
                    return true;
                case ThrowExpressionSyntax or ThrowStatementSyntax:
                    return true;
                case MemberDeclarationSyntax or StatementSyntax:
                    return false;
            }
        }

        return false;
    }

    private static string? Called(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    private static IEnumerable<Finding> InRazor(string file) => InRazorText(file, File.ReadAllText(RepositoryFiles.PathOf(file)));

    /// <summary>Markup only (the @code block's C# is read as C# would be, by the same rules): text between tags and read attributes.</summary>
    private static IEnumerable<Finding> InRazorText(string file, string razor)
    {
        var codeStart = RazorCode().Match(razor) is { Success: true } code ? code.Index : razor.Length;
        var markup = RazorBlock().Replace(razor[..codeStart], m => new string('\n', m.Value.Count(c => c == '\n')));
        foreach (Match tag in Tag().Matches(markup))
        {
            foreach (Match attribute in Attribute().Matches(tag.Value))
            {
                var value = attribute.Groups[2].Value;
                if (ReadAttributes.Contains(attribute.Groups[1].Value) && !value.StartsWith('@') && IsProseOrWord(value))
                {
                    yield return new Finding(file, Line(markup, tag.Index), value);
                }
            }
        }

        var text = Tag().Replace(markup, m => new string('\n', m.Value.Count(c => c == '\n')));
        text = RazorExpression().Replace(text, " ");
        foreach (Match words in MarkupText().Matches(text))
        {
            var value = words.Value.Trim();
            if (IsProseOrWord(value) && !value.StartsWith('@') && !value.StartsWith('}') && !value.Contains("=>", StringComparison.Ordinal))
            {
                yield return new Finding(file, Line(text, words.Index), value);
            }
        }

        if (codeStart < razor.Length)
        {
            foreach (var finding in InCSharpText(file, "class C {" + razor[(codeStart + RazorCode().Match(razor).Length)..].TrimEnd().TrimEnd('}') + "}"))
            {
                yield return finding with { Line = finding.Line + Line(razor, codeStart) - 1 };
            }
        }
    }

    /// <summary>In markup a single word is for people too ("Cycle", "Accept"), unless it is an entity or a symbol.</summary>
    private static bool IsProseOrWord(string text) => Word().IsMatch(text) && !text.StartsWith('&');

    private static int Line(string text, int index) => text[..index].Count(c => c == '\n') + 1;

    [GeneratedRegex(@"\p{L}{2,}[\p{L}'’]*\s+[\p{L}'’]*\p{L}{2,}")]
    private static partial Regex TwoWords();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"^@code\s*\{", RegexOptions.Multiline)]
    private static partial Regex RazorCode();

    /// <summary>A tag, with quoted attribute values that may hold "&gt;" (a lambda's =>).</summary>
    [GeneratedRegex(@"<[^>""]*(?:""[^""]*""[^>""]*)*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"([\w:-]+)=""([^""]*)""")]
    private static partial Regex Attribute();

    /// <summary>Razor comments and @{ … } blocks (C#, over several lines).</summary>
    [GeneratedRegex(@"@\*.*?\*@|@\{(?>[^{}]+|\{(?<d>)|\}(?<-d>))*\}", RegexOptions.Singleline)]
    private static partial Regex RazorBlock();

    /// <summary>Razor expressions and statements on a line: @x.y, @(…), @L["…"], @if/@foreach lines, directives, braces.</summary>
    [GeneratedRegex(@"^\s*@(page|using|inject|inherits|implements|attribute|rendermode|layout|namespace|typeparam)\b.*$|@\((?>[^()]+|\((?<d>)|\)(?<-d>))*\)|@[\w.?!]+(\[[^\]]*\])?(\((?>[^()]+|\((?<d>)|\)(?<-d>))*\))?|^\s*\}?\s*@?(if|else|foreach|for|switch|case|while|default)\b.*$|^\s*[{}]\s*$", RegexOptions.Multiline)]
    private static partial Regex RazorExpression();

    [GeneratedRegex(@"[^\n]*\p{L}{2,}[^\n]*")]
    private static partial Regex MarkupText();
}
