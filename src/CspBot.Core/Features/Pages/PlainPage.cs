using System.Net;
using System.Text;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using Microsoft.AspNetCore.Http;

namespace CspBot.Core.Features.Pages;

/// <summary>
/// A small, accessible HTML page (language: the language now, Welsh "cy" or English "en-GB"; title, one heading, paragraphs and sections) for what a browser opens
/// outside Teams: the privacy and terms pages, and the answer to a report link. Every piece of text is encoded.
/// </summary>
public static class PlainPage
{
    public sealed record Section(string Heading, params string[] Paragraphs);

    public static IResult Result(int status, string title, IEnumerable<string> paragraphs, IEnumerable<Section>? sections = null) =>
        Results.Content(Render(title, paragraphs, sections), "text/html; charset=utf-8", Encoding.UTF8, status);

    public static string Render(string title, IEnumerable<string> paragraphs, IEnumerable<Section>? sections = null)
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"").Append(Words.Current == Language.Welsh ? LanguageCodes.Welsh : "en-GB").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append(" · CspBot</title>\n")
            .Append("<style>body{font-family:'Segoe UI',system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b;background:#fff}")
            .Append("h1{color:#1b3a5c;font-size:1.6rem}h2{color:#1b3a5c;font-size:1.2rem;margin-top:1.6rem}</style>\n")
            .Append("</head>\n<body>\n<main>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        }

        foreach (var section in sections ?? [])
        {
            html.Append("<h2>").Append(Encode(section.Heading)).Append("</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
            }
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
