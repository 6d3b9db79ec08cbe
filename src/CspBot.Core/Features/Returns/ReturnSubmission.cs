using System.Globalization;
using CspBot.Core.Domain;

namespace CspBot.Core.Features.Returns;

/// <summary>What an owner typed into a return form, before validation (all text, as cards send it).</summary>
public sealed record ReturnInput(string? Status, string? Commentary, string? Measures, string? RevisedDate, string? Actual);

/// <summary>A validated return, ready to save.</summary>
public sealed record ReturnValues(ActionStatus? Status, string Commentary, string? Measures, DateOnly? RevisedDate, decimal? Actual);

/// <summary>The rules of PRODUCT.md: actions need a status and commentary, Amber and Red also measures to improve
/// and a revised date; indicators need an actual figure and commentary.</summary>
public static class ReturnRules
{
    public const int MaxText = 2000;

    /// <summary>A revised date further out than this is a typo, not a plan.</summary>
    public const int MaxYearsAhead = 3;

    /// <summary>Field name → problem. Empty when valid.</summary>
    /// <param name="measuresRequired">An indicator whose counted figure is Red or Amber: its measures to improve are required.</param>
    /// <param name="figureWaits">A police-fed indicator waiting for months: no figure is asked for (nor kept).</param>
    public static IReadOnlyDictionary<string, string> Validate(ItemKind kind, ReturnInput input, DateOnly today, out ReturnValues values, bool measuresRequired = false, bool figureWaits = false)
    {
        var errors = new Dictionary<string, string>();
        // Normalised before anything is checked or stored: see FreeText.
        var commentary = FreeText.Normalise(input.Commentary) ?? string.Empty;
        var measures = FreeText.Normalise(input.Measures) is { Length: > 0 } typed ? typed : null;
        ActionStatus? status = null;
        DateOnly? revised = null;
        decimal? actual = null;

        if (commentary.Length == 0)
        {
            errors["commentary"] = "Please add a commentary on progress.";
        }
        else if (commentary.Length > MaxText)
        {
            errors["commentary"] = $"Please keep the commentary under {MaxText} characters.";
        }

        if (measures?.Length > MaxText)
        {
            errors["measures"] = $"Please keep the measures under {MaxText} characters.";
        }

        if (kind == ItemKind.Action)
        {
            if (Enum.TryParse<ActionStatus>(input.Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(input.Status, out _))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = "Please choose Green, Amber, Red or Complete.";
            }

            if (!string.IsNullOrWhiteSpace(input.RevisedDate))
            {
                if (DateOnly.TryParseExact(input.RevisedDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    revised = date;
                    if (date < today)
                    {
                        errors["revisedDate"] = "The revised date must be today or later.";
                    }
                    else if (date > today.AddYears(MaxYearsAhead))
                    {
                        errors["revisedDate"] = $"The revised date must be within {MaxYearsAhead} years.";
                    }
                }
                else
                {
                    errors["revisedDate"] = "Please give the revised date as a date (YYYY-MM-DD).";
                }
            }

            if (status is ActionStatus.Amber or ActionStatus.Red)
            {
                if (measures is null)
                {
                    errors["measures"] = $"{status} needs the measures you are taking to improve.";
                }

                if (revised is null && !errors.ContainsKey("revisedDate"))
                {
                    errors["revisedDate"] = $"{status} needs a revised completion date.";
                }
            }
        }
        else if (!figureWaits)
        {
            var text = (input.Actual ?? string.Empty).Trim().TrimEnd('%').Trim();
            if (TryParseFigure(text, out var number))
            {
                actual = number;
            }
            else
            {
                errors["actual"] = text.Length == 0 ? "Please give this quarter's figure." : $"'{input.Actual}' is not a number.";
            }

            if (measuresRequired && measures is null)
            {
                errors["measures"] = "This figure is Red or Amber: please add the measures being taken to improve it.";
            }
        }

        values = new ReturnValues(status, commentary, measures, revised, actual);
        return errors;
    }

    /// <summary>Figures as people type them in the UK: "1234.5", "1,234.5", "-3", "12%".</summary>
    public static bool TryParseFigure(string text, out decimal value)
    {
        const NumberStyles plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(text, plain, CultureInfo.InvariantCulture, out value)
            || decimal.TryParse(text, plain | NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB"), out value))
        {
            return Math.Abs(value) < 1_000_000_000_000m;
        }

        return false;
    }
}
