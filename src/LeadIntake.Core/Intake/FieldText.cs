namespace LeadIntake.Core.Intake;

/// <summary>
/// Length rules shared by the provider parsers: identity fields that are too long are refused (a 5 kB "name" is not a
/// person), free text that is too long is cut with a marker (refusing a long email or transcript would lose a real
/// lead, and the provider would retry the same delivery for hours).
/// </summary>
internal static class FieldText
{
    public const string TruncationMarker = " […]";

    /// <summary>The sanitised single-line value, or null and an error naming <paramref name="field"/> when too long.</summary>
    public static string? Single(string? value, string field, int limit, List<FieldError> errors)
    {
        var text = TextSanitizer.SingleLine(value);
        if (text is null || text.Length <= limit) return text;
        errors.Add(new FieldError(field, $"Must be at most {limit} characters."));
        return null;
    }

    /// <summary>The sanitised single-line value, cut to <paramref name="limit"/> characters.</summary>
    public static string? SingleCut(string? value, int limit) => Cut(TextSanitizer.SingleLine(value), limit);

    /// <summary>The sanitised multi-line value, cut to <paramref name="limit"/> characters with a marker.</summary>
    public static string? MultiCut(string? value, int limit) => Cut(TextSanitizer.MultiLine(value), limit);

    /// <summary>A URL as sent (single line), refused when longer than a URL can usefully be or not absolute http(s).</summary>
    public static string? Url(string? value, string field, List<FieldError> errors)
    {
        var text = Single(value, field, FieldLimits.Url, errors);
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)) return text;
        errors.Add(new FieldError(field, "Must be an absolute http(s) URL."));
        return null;
    }

    /// <summary>Adds a sanitised extra field when there is room; extra fields never fail a lead.</summary>
    public static void AddExtra(Dictionary<string, string> extra, string name, string? value)
    {
        if (extra.Count >= FieldLimits.ExtraFieldCount || extra.ContainsKey(name)) return;
        var text = Cut(TextSanitizer.MultiLine(value), FieldLimits.ExtraFieldValue);
        if (text is not null) extra[Cut(name, FieldLimits.ExtraFieldName)!] = text;
    }

    private static string? Cut(string? text, int limit)
    {
        if (text is null || text.Length <= limit) return text;
        int keep = limit - TruncationMarker.Length;
        // Never cut a surrogate pair in half: the result must stay valid UTF-16 for storage and mail.
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, Math.Max(keep, 0)), TruncationMarker);
    }

}
