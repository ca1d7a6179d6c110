using PhoneNumbers;

namespace LeadIntake.Core.Contacts;

/// <summary>
/// Phone numbers to E.164 with libphonenumber. A national number ("03 29 55 12 40") needs a region: the lead's
/// country when known, else the configured default. Shared by intake (caller ids) and screening (form phones).
/// </summary>
public static class PhoneNormaliser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 (<c>+33329551240</c>), or null when it can't be a real number.</summary>
    public static string? ToE164(string? raw, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var region = NormaliseRegion(defaultRegion);
        try
        {
            var number = Util.Parse(raw, region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first valid phone number written in free text (an email signature, "rappelez-moi au 06 12 34 56 78"),
    /// in E.164; null when there is none. Only numbers libphonenumber deems valid count, so order or invoice
    /// numbers are not taken for phones.
    /// </summary>
    public static string? FirstInText(string? text, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var match in Util.FindNumbers(text, NormaliseRegion(defaultRegion), PhoneNumberUtil.Leniency.VALID, maxTries: 50))
        {
            return Util.Format(match.Number, PhoneNumberFormat.E164);
        }
        return null;
    }

    /// <summary>Whether the text parses as a number at all (even an invalid one): tells "impossible" from "absent".</summary>
    public static bool LooksLikePhone(string? raw, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw)) return false;
        try
        {
            Util.Parse(raw, NormaliseRegion(defaultRegion));
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The ISO region of an E.164 number (<c>+44…</c> → <c>GB</c>), or null.</summary>
    public static string? RegionOf(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164)) return null;
        try
        {
            var region = Util.GetRegionCodeForNumber(Util.Parse(e164, null));
            return region is null or "ZZ" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The number as a person reads it: national format when it belongs to <paramref name="readerRegion"/>
    /// (<c>03 29 55 12 40</c> for a French rep), international otherwise (<c>+33 3 29 55 12 40</c>). Text that is not
    /// a number comes back unchanged.
    /// </summary>
    public static string Display(string phone, string? readerRegion)
    {
        try
        {
            var number = Util.Parse(phone, NormaliseRegion(readerRegion));
            if (!Util.IsValidNumber(number)) return phone;
            var sameRegion = string.Equals(Util.GetRegionCodeForNumber(number), NormaliseRegion(readerRegion), StringComparison.Ordinal);
            return Util.Format(number, sameRegion ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }

    private static string NormaliseRegion(string? region) =>
        region is { Length: 2 } ? region.ToUpperInvariant() : "ZZ";
}
