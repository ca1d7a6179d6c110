using System.Globalization;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Qualification;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// Reads a rep page's posted form into the decider call it stands for, or the fields at fault. Field names are the
/// page's input names (<c>budget_amount</c>, <c>timing_date</c>, <c>reason</c>…), so an error names what to fix.
/// </summary>
internal static class RepActionForm
{
    public const int MaxTextLength = 2000;

    public static IReadOnlyList<LostReason> LostReasons { get; } =
        [LostReason.Price, LostReason.Competitor, LostReason.NoDecision, LostReason.ProductFit, LostReason.Unresponsive, LostReason.Other];

    /// <summary>The decider for <paramref name="action"/> with the posted values, or what's wrong with them.</summary>
    public static (Func<Lead, LeadChange>? Decide, IReadOnlyList<FieldError> Errors) Read(
        RepTexts t, RepAction action, IReadOnlyDictionary<string, string> form, string rep, QualificationPolicy policy, DateTimeOffset now)
    {
        var errors = new FieldErrors(t);
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

    private static BantRecord ReadBant(IReadOnlyDictionary<string, string> form, FieldErrors errors)
    {
        var amount = Amount(form, "budget_amount", errors);
        var min = Amount(form, "budget_min", errors);
        var max = Amount(form, "budget_max", errors);
        if (min is not null && max is not null && min > max) errors.Add("budget_max", "Err_MaxBelowMin");
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
            else errors.Add("timing_date", "Err_Date");
        }
        TimingHorizon? horizon = null;
        if (Value(form, "timing_horizon") is { } h)
        {
            if (WireNames.TryParse<TimingHorizon>(h, out var parsedHorizon)) horizon = parsedHorizon;
            else errors.Add("timing_horizon", "Err_Horizon");
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
    public static string LabelOf(RepTexts t, string field) => t.Find("Field_" + field) ?? field.Replace('_', ' ');

    /// <summary>The errors of one posted form, each message in the rep's language.</summary>
    private sealed class FieldErrors(RepTexts t) : List<FieldError>
    {
        public void Add(string field, string key, params object?[] args) => Add(new FieldError(field, t.Format(key, args)));
    }

    private static string Currency(IReadOnlyDictionary<string, string> form, FieldErrors errors)
    {
        var currency = Value(form, "currency")?.ToUpperInvariant() ?? "EUR";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)) errors.Add("currency", "Err_Currency");
        return currency;
    }

    private static T Invalid<T>(FieldErrors errors, string field, T fallback)
    {
        errors.Add(field, "Err_Choose");
        return fallback;
    }

    private static decimal? Amount(IReadOnlyDictionary<string, string> form, string field, FieldErrors errors)
    {
        if (Value(form, field) is not { } text) return null;
        var normalised = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F').ToArray()).Replace(',', '.');
        if (decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value < 1_000_000_000_000m) return value;
        errors.Add(field, "Err_Amount");
        return null;
    }

    private static T Choice<T>(IReadOnlyDictionary<string, string> form, string field, IReadOnlyList<T> allowed, FieldErrors errors) where T : struct, Enum
    {
        if (WireNames.TryParse<T>(Value(form, field), out var value) && allowed.Contains(value)) return value;
        errors.Add(field, "Err_Reason");
        return default;
    }

    /// <summary>Free text (need, note, role): lines kept, control characters dropped, as for every text a lead brings.</summary>
    private static string? Text(IReadOnlyDictionary<string, string> form, string field, FieldErrors errors)
    {
        var text = form.TryGetValue(field, out var raw) ? TextSanitizer.MultiLine(raw) : null;
        if (text is { Length: > MaxTextLength })
        {
            errors.Add(field, "Err_TooLong", MaxTextLength);
            return null;
        }
        return text;
    }

    /// <summary>A one-line value (a choice, an amount, a date, a currency): control characters are spaces, then trimmed.</summary>
    private static string? Value(IReadOnlyDictionary<string, string> form, string field) =>
        form.TryGetValue(field, out var v) ? TextSanitizer.SingleLine(v)?.Trim() : null;
}
