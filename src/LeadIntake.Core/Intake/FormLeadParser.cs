using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake;

/// <summary>
/// Turns the fields of a web form post (JSON, urlencoded or multipart: the transport has already made them pairs)
/// into a <see cref="CapturedLead"/>. Pure: it takes <c>now</c> and decides nothing about spam; it records the
/// signals screening will judge (honeypot, time to submit).
/// </summary>
public static class FormLeadParser
{
    public const string Provider = "web";

    // Accepted spellings of each known field, compared case-insensitively after removing '_' and '-'.
    private static readonly Dictionary<string, string> Aliases = BuildAliases(new()
    {
        ["name"] = ["name", "fullname", "yourname", "nom", "nomcomplet"],
        ["firstName"] = ["firstname", "givenname", "prenom", "fname"],
        ["lastName"] = ["lastname", "familyname", "surname", "lname"],
        ["email"] = ["email", "emailaddress", "mail", "courriel"],
        ["phone"] = ["phone", "phonenumber", "tel", "telephone", "mobile"],
        ["company"] = ["company", "companyname", "organization", "organisation", "societe", "entreprise"],
        ["jobTitle"] = ["jobtitle", "title", "position", "role", "fonction", "poste"],
        ["country"] = ["country", "pays", "countrycode"],
        ["subject"] = ["subject", "objet", "sujet", "topic"],
        ["message"] = ["message", "comments", "comment", "body", "question", "details", "demande"],
        ["consent"] = ["consent", "gdprconsent", "optin", "consentement", "agree"],
        ["consentVersion"] = ["consentversion", "consenttext", "consenttextversion"],
        ["utm_source"] = ["utmsource"],
        ["utm_medium"] = ["utmmedium"],
        ["utm_campaign"] = ["utmcampaign"],
        ["utm_term"] = ["utmterm"],
        ["utm_content"] = ["utmcontent"],
        ["page"] = ["page", "pageurl", "url", "sourceurl", "landingpage"],
        ["referrer"] = ["referrer", "referer"],
        ["renderedAt"] = ["formrenderedat", "renderedat", "formloadedat"],
        ["elapsedMs"] = ["elapsedms", "timetosubmitms"],
        ["redirect"] = ["redirect", "redirectto", "returnurl", "next"],
        ["idempotencyKey"] = ["idempotencykey"],
    });

    /// <summary>Fields that steer intake itself and are never stored as extra fields.</summary>
    public static readonly IReadOnlySet<string> ControlFields = new HashSet<string>(StringComparer.Ordinal) { "redirect", "idempotencyKey" };

    public static string? CanonicalName(string field) =>
        Aliases.TryGetValue(Normalise(field), out var canonical) ? canonical : null;

    public static ParseOutcome<CapturedLead> Parse(
        IEnumerable<KeyValuePair<string, string?>> fields,
        FormParseRules rules,
        AntiBotSignals transportSignals,
        DateTimeOffset now)
    {
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        var consentChoices = new Dictionary<string, bool>(StringComparer.Ordinal);
        var optOuts = new List<string>();
        var errors = new List<FieldError>();
        bool honeypot = false;

        foreach (var (rawName, rawValue) in fields)
        {
            if (string.IsNullOrEmpty(rawName)) continue;
            if (string.Equals(rawName, rules.HoneypotField, StringComparison.OrdinalIgnoreCase))
            {
                honeypot |= !string.IsNullOrWhiteSpace(rawValue);
                continue;
            }
            var canonical = CanonicalName(rawName);
            if (canonical is not null)
            {
                // First non-empty value wins; a repeated field never overwrites a real value with an empty one.
                if (!known.TryGetValue(canonical, out var existing) || string.IsNullOrWhiteSpace(existing)) known[canonical] = rawValue;
                continue;
            }
            if (PurposeBox(rawName) is var (kind, purpose))
            {
                // One checkbox per purpose: consent_newsletter, optout_follow-up. Repeats keep the first answer.
                bool ticked = IsTruthy(rawValue);
                if (kind == BoxKind.Consent && consentChoices.Count < MaxPurposeBoxes) consentChoices.TryAdd(purpose, ticked);
                else if (kind == BoxKind.OptOut && ticked && optOuts.Count < MaxPurposeBoxes && !optOuts.Contains(purpose)) optOuts.Add(purpose);
                continue;
            }
            if (rawName.Length > FieldLimits.ExtraFieldName)
            {
                errors.Add(new FieldError(Truncate(rawName, 40), $"Field names are limited to {FieldLimits.ExtraFieldName} characters."));
                continue;
            }
            var value = TextSanitizer.MultiLine(rawValue);
            if (value is null) continue;
            if (value.Length > FieldLimits.ExtraFieldValue)
            {
                errors.Add(new FieldError(rawName, $"Must be at most {FieldLimits.ExtraFieldValue} characters."));
                continue;
            }
            if (!extra.ContainsKey(rawName))
            {
                if (extra.Count >= FieldLimits.ExtraFieldCount)
                {
                    errors.Add(new FieldError(rawName, $"At most {FieldLimits.ExtraFieldCount} additional fields are accepted."));
                    continue;
                }
                extra[rawName] = value;
            }
        }

        string? Single(string name, int limit)
        {
            var value = TextSanitizer.SingleLine(known.GetValueOrDefault(name));
            if (value is not null && value.Length > limit)
            {
                errors.Add(new FieldError(name, $"Must be at most {limit} characters."));
                return null;
            }
            return value;
        }

        var contact = new Contact
        {
            FullName = Single("name", FieldLimits.Name),
            FirstName = Single("firstName", FieldLimits.Name),
            LastName = Single("lastName", FieldLimits.Name),
            Email = Single("email", FieldLimits.Email),
            Phone = Single("phone", FieldLimits.Phone),
            Company = Single("company", FieldLimits.Company),
            JobTitle = Single("jobTitle", FieldLimits.JobTitle),
            Country = Single("country", FieldLimits.Country),
        };
        var subject = Single("subject", FieldLimits.Subject);
        var message = TextSanitizer.MultiLine(known.GetValueOrDefault("message"));
        if (message is not null && message.Length > FieldLimits.Message)
        {
            errors.Add(new FieldError("message", $"Must be at most {FieldLimits.Message} characters."));
        }

        var source = new SourceAttribution
        {
            UtmSource = Single("utm_source", FieldLimits.Utm),
            UtmMedium = Single("utm_medium", FieldLimits.Utm),
            UtmCampaign = Single("utm_campaign", FieldLimits.Utm),
            UtmTerm = Single("utm_term", FieldLimits.Utm),
            UtmContent = Single("utm_content", FieldLimits.Utm),
            PageUrl = Single("page", FieldLimits.Url),
            Referrer = Single("referrer", FieldLimits.Url),
        };

        if (contact.Email is null && contact.Phone is null && !errors.Exists(e => e.Field is "email" or "phone"))
        {
            errors.Add(new FieldError("email", "An email address or a phone number is required."));
        }

        var consentText = known.GetValueOrDefault("consent");
        bool consentGiven = IsTruthy(consentText);
        if (rules.RequireConsent && !consentGiven)
        {
            errors.Add(new FieldError("consent", "Consent is required: send consent=true with the text version the person agreed to."));
        }
        var consentVersion = Single("consentVersion", FieldLimits.Utm) ?? rules.DefaultConsentVersion;
        ConsentRecord? consent = consentText is null && !rules.RequireConsent
            ? null
            : new ConsentRecord(consentGiven, consentVersion, now);

        var timeToSubmit = ReadTimeToSubmit(known, now, errors);

        if (errors.Count > 0) return new ParseOutcome<CapturedLead>.Invalid(errors);

        return new ParseOutcome<CapturedLead>.Parsed(new CapturedLead
        {
            Channel = Channel.Form,
            Provider = Provider,
            ProviderEventId = TextSanitizer.SingleLine(known.GetValueOrDefault("idempotencyKey")),
            Contact = contact,
            Subject = subject,
            Message = message,
            Source = source,
            Consent = consent,
            ConsentChoices = consentChoices,
            OptOuts = optOuts,
            Signals = transportSignals with { HoneypotFilled = honeypot, TimeToSubmit = timeToSubmit },
            ExtraFields = extra,
        });
    }

    /// <summary>The redirect target the form asked for, if any (intake checks it against the allow-list).</summary>
    public static string? RequestedRedirect(IEnumerable<KeyValuePair<string, string?>> fields) =>
        fields.Where(f => CanonicalName(f.Key) == "redirect").Select(f => TextSanitizer.SingleLine(f.Value)).FirstOrDefault(v => v is not null);

    private static TimeSpan? ReadTimeToSubmit(Dictionary<string, string?> known, DateTimeOffset now, List<FieldError> errors)
    {
        var elapsed = TextSanitizer.SingleLine(known.GetValueOrDefault("elapsedMs"));
        if (elapsed is not null)
        {
            if (double.TryParse(elapsed, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && ms < TimeSpan.FromDays(30).TotalMilliseconds)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
            errors.Add(new FieldError("elapsedMs", "Must be a non-negative number of milliseconds."));
            return null;
        }
        var rendered = TextSanitizer.SingleLine(known.GetValueOrDefault("renderedAt"));
        if (rendered is null) return null;
        DateTimeOffset renderedAt;
        if (long.TryParse(rendered, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs) && unixMs < 100_000_000_000_000)
        {
            renderedAt = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        }
        else if (!DateTimeOffset.TryParse(rendered, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out renderedAt))
        {
            errors.Add(new FieldError("formRenderedAt", "Must be a Unix time in milliseconds or an ISO 8601 timestamp."));
            return null;
        }
        var span = now - renderedAt;
        // A render time in the future (clock skew) says nothing about speed: record no value rather than a wrong one.
        return span < TimeSpan.Zero ? null : span;
    }

    private const int MaxPurposeBoxes = 20;

    private enum BoxKind { Consent, OptOut }

    /// <summary>A per-purpose box: <c>consent_{purpose}</c> or <c>optout_{purpose}</c> (underscores in the id read as hyphens).</summary>
    private static (BoxKind Kind, string Purpose)? PurposeBox(string rawName)
    {
        var name = rawName.Trim().ToLowerInvariant();
        (BoxKind Kind, string Tail)? split =
            name.StartsWith("consent_", StringComparison.Ordinal) ? (BoxKind.Consent, name["consent_".Length..])
            : name.StartsWith("optout_", StringComparison.Ordinal) ? (BoxKind.OptOut, name["optout_".Length..])
            : null;
        if (split is not { } box) return null;
        var purpose = box.Tail.Replace('_', '-');
        return Privacy.ProcessingPurpose.IsValidId(purpose) ? (box.Kind, purpose) : null;
    }

    private static bool IsTruthy(string? value) =>
        TextSanitizer.SingleLine(value)?.ToLowerInvariant() is "true" or "on" or "yes" or "1" or "oui" or "y" or "checked";

    private static string Normalise(string field)
    {
        Span<char> buffer = stackalloc char[Math.Min(field.Length, 64)];
        int n = 0;
        foreach (char c in field)
        {
            if (c is '_' or '-' or ' ' or '.' or '[' or ']') continue;
            if (n == buffer.Length) break;
            buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static Dictionary<string, string> BuildAliases(Dictionary<string, string[]> table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, spellings) in table)
        {
            foreach (var spelling in spellings) map[spelling] = canonical;
        }
        return map;
    }
}
