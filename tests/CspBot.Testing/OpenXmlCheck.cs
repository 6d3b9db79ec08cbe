using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace CspBot.Testing;

/// <summary>Microsoft's own check of an Office document: the Open XML SDK's validator, against Microsoft 365's schemas.</summary>
public static class OpenXmlCheck
{
    /// <summary>Every error the validator finds, as "part path: description", for an assertion message; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(OpenXmlPackage document) =>
        new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
}
