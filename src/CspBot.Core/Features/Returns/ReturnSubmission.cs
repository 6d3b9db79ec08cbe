using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;

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
            errors["commentary"] = ReturnText.CommentaryMissing;
        }
        else if (commentary.Length > MaxText)
        {
            errors["commentary"] = Terms.Format(ReturnText.CommentaryTooLong, MaxText);
        }

        if (measures?.Length > MaxText)
        {
            errors["measures"] = Terms.Format(ReturnText.MeasuresTooLong, MaxText);
        }

        if (kind == ItemKind.Action)
        {
            if (Enum.TryParse<ActionStatus>(input.Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(input.Status, out _))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = ReturnText.StatusMissing;
            }

            if (!string.IsNullOrWhiteSpace(input.RevisedDate))
            {
                if (DateOnly.TryParseExact(input.RevisedDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    revised = date;
                    if (date < today)
                    {
                        errors["revisedDate"] = ReturnText.RevisedDatePast;
                    }
                    else if (date > today.AddYears(MaxYearsAhead))
                    {
                        errors["revisedDate"] = Terms.Format(ReturnText.RevisedDateTooFar, MaxYearsAhead);
                    }
                }
                else
                {
                    errors["revisedDate"] = ReturnText.RevisedDateNotDate;
                }
            }

            if (status is ActionStatus.Amber or ActionStatus.Red)
            {
                if (measures is null)
                {
                    errors["measures"] = status == ActionStatus.Red ? ReturnText.MeasuresNeededRed : ReturnText.MeasuresNeededAmber;
                }

                if (revised is null && !errors.ContainsKey("revisedDate"))
                {
                    errors["revisedDate"] = status == ActionStatus.Red ? ReturnText.RevisedDateNeededRed : ReturnText.RevisedDateNeededAmber;
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
                errors["actual"] = text.Length == 0 ? ReturnText.FigureMissing : Terms.Format(ReturnText.NotANumber, input.Actual);
            }

            if (measuresRequired && measures is null)
            {
                errors["measures"] = ReturnText.CountedNeedsMeasures;
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
