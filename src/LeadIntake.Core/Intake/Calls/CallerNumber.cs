using LeadIntake.Core.Contacts;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>Caller ids as providers send them, normalised: E.164 when it is a phone number, hidden callers as null.</summary>
internal static class CallerNumber
{
    /// <summary>(shown, e164): what to show for the caller and its E.164 form when it is a real number.</summary>
    public static (string? Shown, string? E164) Read(string? raw, string? defaultRegion)
    {
        var text = FieldText.SingleCut(raw, FieldLimits.Phone * 4);
        if (text is null || IsHidden(text)) return (null, null);
        var e164 = PhoneNormaliser.ToE164(text, defaultRegion);
        return (e164 ?? text, e164);
    }

    // Blocked caller ids arrive as words, and at Twilio as +266696687, +7378742833, +2562533 or +8656696.
    // [UNVERIFIED: Twilio's list of anonymous caller numbers, from memory of its "blocked caller id" support article]
    private static bool IsHidden(string text) =>
        text.ToLowerInvariant() is "anonymous" or "restricted" or "private" or "unknown" or "unavailable" or "withheld" or "blocked"
            or "+266696687" or "+7378742833" or "+2562533" or "+8656696";

    /// <summary>A caller name worth keeping: not a placeholder ("UNKNOWN", "WIRELESS CALLER") nor the number again.</summary>
    public static string? Name(string? raw, string? number)
    {
        var name = FieldText.SingleCut(raw, FieldLimits.Name);
        if (name is null) return null;
        if (name.ToUpperInvariant() is "UNKNOWN" or "ANONYMOUS" or "PRIVATE" or "WIRELESS CALLER" or "UNAVAILABLE" or "RESTRICTED"
            or "NOT AVAILABLE" or "OUT OF AREA" or "TOLL FREE CALLER") return null;
        if (number is not null && new string(name.Where(c => c == '+' || char.IsAsciiDigit(c)).ToArray()) is { Length: > 5 } digits
            && number.EndsWith(digits.TrimStart('+'), StringComparison.Ordinal)) return null;
        return name;
    }
}
