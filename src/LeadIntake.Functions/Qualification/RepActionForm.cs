using System.Globalization;
using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// Reads a rep page's posted form into the decider call it stands for, or the fields at fault. Field names are the
/// page's input names (<c>budget_amount</c>, <c>timing_date</c>, <c>reason</c>…), so an error names what to fix.
/// </summary>
public static class RepActionForm
{
    public const int MaxTextLength = 2000;

    public static IReadOnlyList<LostReason> LostReasons { get; } =
        [LostReason.Price, LostReason.Competitor, LostReason.NoDecision, LostReason.ProductFit, LostReason.Unresponsive, LostReason.Other];

    /// <summary>The decider for <paramref name="action"/> with the posted values, or what's wrong with them.</summary>
    public static (Func<Lead, LeadChange>? Decide, IReadOnlyList<FieldError> Errors) Read(
        RepAction action, IReadOnlyDictionary<string, string> form, string rep, QualificationPolicy policy, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        Func<Lead, LeadChange>? decide = null;
        switch (action)
        {
            case RepAction.Accept:
                decide = lead => LeadQualifier.Accept(lead, rep, now);
                break;
            case RepAction.Qualify:
                var bant = ReadBant(form, errors);
                decide = lead => LeadQualifier.Qualify(lead, bant, policy, rep, now);
                break;
            case RepAction.Disqualify:
                var reason = Choice<DisqualifyReason>(form, "reason", Enum.GetValues<DisqualifyReason>(), errors);
                var note = Text(form, "note", errors);
                decide = lead => LeadQualifier.Disqualify(lead, reason, note, rep, now);
                break;
            case RepAction.Nurture:
                decide = lead => LeadQualifier.ReturnToNurture(lead, rep, now);
                break;
            case RepAction.Opportunity:
                decide = lead => LeadQualifier.CreateOpportunity(lead, rep, now);
                break;
            case RepAction.Won:
                var dealAmount = Amount(form, "amount", errors);
                var dealCurrency = Currency(form, errors);
                decide = lead => LeadQualifier.Win(lead, rep, now, dealAmount is { } value ? new DealAmount(value, dealCurrency) : null);
                break;
            case RepAction.Lost:
                var lost = Choice(form, "reason", LostReasons, errors);
                var competitor = Text(form, "competitor", errors);
                decide = lead => LeadQualifier.Lose(lead, lost, rep, now, competitor);
                break;
        }
        return errors.Count > 0 ? (null, errors) : (decide, errors);
    }

    private static BantRecord ReadBant(IReadOnlyDictionary<string, string> form, List<FieldError> errors)
    {
        var amount = Amount(form, "budget_amount", errors);
        var min = Amount(form, "budget_min", errors);
        var max = Amount(form, "budget_max", errors);
        if (min is not null && max is not null && min > max) errors.Add(new FieldError("budget_max", "The maximum must not be below the minimum."));
        var currency = Currency(form, errors);
        var level = Value(form, "authority") is { } a
            ? (WireNames.TryParse<AuthorityLevel>(a, out var parsed) ? parsed : Invalid(errors, "authority", AuthorityLevel.Unknown))
            : AuthorityLevel.Unknown;
        var role = Text(form, "role", errors);
        var need = Text(form, "need", errors);
        DateOnly? by = null;
        if (Value(form, "timing_date") is { } date)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) by = d;
            else errors.Add(new FieldError("timing_date", "Use a date such as 2026-03-31."));
        }
        TimingHorizon? horizon = null;
        if (Value(form, "timing_horizon") is { } h)
        {
            if (WireNames.TryParse<TimingHorizon>(h, out var parsedHorizon)) horizon = parsedHorizon;
            else errors.Add(new FieldError("timing_horizon", "Choose a horizon from the list."));
        }
        return new BantRecord
        {
            Budget = amount is null && min is null && max is null ? null : new BudgetAnswer(amount, min, max, currency),
            Authority = level == AuthorityLevel.Unknown && role is null ? null : new AuthorityAnswer(level, role),
            Need = need,
            Timing = by is null && horizon is null ? null : new TimingAnswer(by, horizon),
        };
    }

    /// <summary>The field's name in words, for error messages ("Budget amount", not <c>budget_amount</c>).</summary>
    public static string LabelOf(string field) => field switch
    {
        "budget_amount" => "Budget amount",
        "budget_min" => "Budget from",
        "budget_max" => "Budget to",
        "currency" => "Currency",
        "authority" => "Authority",
        "role" => "Role",
        "need" => "Need",
        "timing_date" => "Timing date",
        "timing_horizon" => "Timing horizon",
        "reason" => "Reason",
        "note" => "Note",
        "amount" => "Deal amount",
        "competitor" => "Competitor",
        _ => field.Replace('_', ' '),
    };

    private static string Currency(IReadOnlyDictionary<string, string> form, List<FieldError> errors)
    {
        var currency = Value(form, "currency")?.ToUpperInvariant() ?? "EUR";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)) errors.Add(new FieldError("currency", "Use a three-letter ISO 4217 code (EUR, USD…)."));
        return currency;
    }

    private static T Invalid<T>(List<FieldError> errors, string field, T fallback)
    {
        errors.Add(new FieldError(field, "Choose a value from the list."));
        return fallback;
    }

    private static decimal? Amount(IReadOnlyDictionary<string, string> form, string field, List<FieldError> errors)
    {
        if (Value(form, field) is not { } text) return null;
        var normalised = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F').ToArray()).Replace(',', '.');
        if (decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value < 1_000_000_000_000m) return value;
        errors.Add(new FieldError(field, "Enter an amount such as 25000 or 25000.50."));
        return null;
    }

    private static T Choice<T>(IReadOnlyDictionary<string, string> form, string field, IReadOnlyList<T> allowed, List<FieldError> errors) where T : struct, Enum
    {
        if (WireNames.TryParse<T>(Value(form, field), out var value) && allowed.Contains(value)) return value;
        errors.Add(new FieldError(field, "Choose a reason from the list."));
        return default;
    }

    /// <summary>Free text (need, note, role): lines kept, control characters dropped, as for every text a lead brings.</summary>
    private static string? Text(IReadOnlyDictionary<string, string> form, string field, List<FieldError> errors)
    {
        var text = form.TryGetValue(field, out var raw) ? TextSanitizer.MultiLine(raw) : null;
        if (text is { Length: > MaxTextLength })
        {
            errors.Add(new FieldError(field, $"At most {MaxTextLength} characters."));
            return null;
        }
        return text;
    }

    /// <summary>A one-line value (a choice, an amount, a date, a currency): control characters are spaces, then trimmed.</summary>
    private static string? Value(IReadOnlyDictionary<string, string> form, string field) =>
        form.TryGetValue(field, out var v) ? TextSanitizer.SingleLine(v)?.Trim() : null;
}
