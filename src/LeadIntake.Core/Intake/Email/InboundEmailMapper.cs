using System.Globalization;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;
using MimeKit;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// The one mapping from an <see cref="InboundEmail"/> (whatever the provider) to a <see cref="CapturedLead"/>:
/// sender, subject, the reply without quoted history (HTML-only mail converted to text), the phone and job title of
/// the signature, a company guessed from a corporate domain, attachments listed, spam score and auto-reply flag
/// recorded for screening. Free text too long is cut; an unusable sender address is refused.
/// </summary>
public static class InboundEmailMapper
{
    public static ParseOutcome<CapturedLead> ToLead(InboundEmail email, EmailCaptureRules rules)
    {
        var errors = new List<FieldError>();
        var address = SenderAddress(email, errors);
        if (errors.Count > 0) return new ParseOutcome<CapturedLead>.Invalid(errors);

        var body = email.Text is { Length: > 0 } text
            ? (text.Length > PayloadLimits.EmailBodyChars ? text[..PayloadLimits.EmailBodyChars] : text)
            : HtmlText.ToPlain(email.Html, PayloadLimits.EmailBodyChars);
        body = TextSanitizer.MultiLine(body);
        var stripped = TextSanitizer.MultiLine(email.StrippedReply);
        var reply = stripped ?? (body is null ? null : EmailReplyText.Split(body).Reply);

        var domain = EmailDomains.DomainOf(address);
        var region = RegionOfDomain(domain) ?? rules.DefaultRegion;
        var signature = EmailSignature.Find(reply, TextSanitizer.MultiLine(email.StrippedSignature), region);
        // No phone in the signature: a number written in the message itself ("rappelez-moi au 06 …") still counts.
        var phone = signature.Phone ?? PhoneNormaliser.FirstInText(reply, region);

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        FieldText.AddExtra(extra, "to", email.To);
        if (email.Attachments.Count > 0) FieldText.AddExtra(extra, "attachmentCount", email.Attachments.Count.ToString(CultureInfo.InvariantCulture));

        var contact = new Contact
        {
            FullName = FieldText.SingleCut(DisplayName(email.FromName, address), FieldLimits.Name),
            Email = address,
            Phone = phone,
            Company = EmailDomains.CompanyFromDomain(domain),
            JobTitle = FieldText.SingleCut(signature.JobTitle, FieldLimits.JobTitle),
            Country = PhoneNormaliser.RegionOf(phone) ?? RegionOfDomain(domain),
        };

        return new ParseOutcome<CapturedLead>.Parsed(new CapturedLead
        {
            Channel = Channel.Email,
            Provider = email.Provider,
            ProviderEventId = FieldText.SingleCut(email.MessageId ?? email.DeliveryId, 500),
            Contact = contact,
            Subject = FieldText.SingleCut(email.Subject, FieldLimits.Subject),
            Message = FieldText.MultiCut(reply, FieldLimits.Message),
            Signals = new AntiBotSignals { AutoReply = AutoReplyDetector.IsAutoReply(email), ProviderSpamScore = email.SpamScore },
            ExtraFields = extra,
            Attachments = email.Attachments,
        });
    }

    /// <summary>The Message-Id without angle brackets or white space.</summary>
    internal static string? CleanMessageId(string? value) => TextSanitizer.SingleLine(value)?.Trim('<', '>', ' ');

    /// <summary>A display-name header ("Jeanne Dupont &lt;j@x&gt;") split into name and address; null when unparseable.</summary>
    internal static (string? Name, string? Address) Mailbox(string? header)
    {
        var text = TextSanitizer.SingleLine(header);
        if (text is null) return (null, null);
        if (InternetAddressList.TryParse(text, out var list))
        {
            foreach (var mailbox in list.Mailboxes)
            {
                return (string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name, mailbox.Address);
            }
        }
        return (null, null);
    }

    internal static double? ParseScore(string? text) =>
        double.TryParse(TextSanitizer.SingleLine(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score)
            ? score
            : null;

    internal static List<LeadAttachment> Listed(IEnumerable<LeadAttachment> attachments) =>
        attachments.Take(PayloadLimits.Attachments)
            .Select(a => new LeadAttachment(FieldText.SingleCut(a.Name, 255), FieldText.SingleCut(a.ContentType, 255), a.SizeBytes is >= 0 ? a.SizeBytes : null))
            .ToList();

    private static string? SenderAddress(InboundEmail email, List<FieldError> errors)
    {
        var address = TextSanitizer.SingleLine(email.FromAddress) ?? TextSanitizer.SingleLine(email.EnvelopeFrom);
        if (address is null)
        {
            errors.Add(new FieldError("from", "The sender's address is missing."));
            return null;
        }
        if (address.Length > FieldLimits.Email || EmailDomains.DomainOf(address) is null || address.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("from", "The sender's address is not an email address."));
            return null;
        }
        return address;
    }

    // A display name that is just the address again says nothing.
    private static string? DisplayName(string? name, string? address) =>
        name is null || string.Equals(name.Trim('\'', '"', ' '), address, StringComparison.OrdinalIgnoreCase) ? null : name.Trim('\'', '"', ' ');

    // A two-letter top-level domain names a country (".fr" → FR; ".uk" → GB). Generic ones (.com, .io…) don't count
    // here: .io, .co, .me, .tv, .ai are sold worldwide.
    private static string? RegionOfDomain(string? domain)
    {
        if (domain is null) return null;
        int dot = domain.LastIndexOf('.');
        var tld = dot < 0 ? null : domain[(dot + 1)..];
        return tld switch
        {
            null => null,
            "uk" => "GB",
            "io" or "co" or "me" or "tv" or "ai" or "cc" or "ly" or "fm" or "to" or "ws" or "eu" => null,
            { Length: 2 } when tld.All(char.IsAsciiLetterLower) => tld.ToUpperInvariant(),
            _ => null,
        };
    }
}
