using System.Text.RegularExpressions;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// Recognises machine-written mail that must never become a sales lead: auto-replies, out-of-office notes, bounces.
/// Headers first (RFC 3834 <c>Auto-Submitted</c>; the de-facto <c>X-Autoreply</c>, <c>X-Autorespond</c>,
/// <c>Precedence</c>; a delivery-status report), then the sender (mailer-daemon, postmaster), then typical subjects.
/// </summary>
public static partial class AutoReplyDetector
{
    public static bool IsAutoReply(InboundEmail email)
    {
        // RFC 3834 §5: any value other than "no" marks an automatic message ("auto-replied", "auto-generated"…).
        var autoSubmitted = email.Header("Auto-Submitted");
        if (autoSubmitted is not null && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase)) return true;
        // Non-standard but widespread (cPanel/Exim, vacation programs): present means automatic.
        if (email.Header("X-Autoreply") is not null || email.Header("X-Autorespond") is not null) return true;
        if (email.Header("Precedence")?.Trim().ToLowerInvariant() is "bulk" or "auto_reply" or "junk") return true;
        // RFC 3464 bounces are multipart/report; report-type=delivery-status.
        // MimeKit writes the parameter quoted (report-type="delivery-status"), SendGrid's raw block as sent.
        if (email.Header("Content-Type")?.Replace("\"", "", StringComparison.Ordinal)
                .Contains("report-type=delivery-status", StringComparison.OrdinalIgnoreCase) == true) return true;
        if (IsDaemon(email.FromAddress) || IsDaemon(email.EnvelopeFrom)) return true;
        return email.Subject is not null && AutoSubject().IsMatch(email.Subject);
    }

    private static bool IsDaemon(string? address)
    {
        if (string.IsNullOrEmpty(address)) return false;
        int at = address.IndexOf('@', StringComparison.Ordinal);
        var local = (at < 0 ? address : address[..at]).Trim().Trim('<').ToLowerInvariant();
        return local is "mailer-daemon" or "postmaster" or "mail-daemon" or "maildaemon";
    }

    [GeneratedRegex(@"(out of (the )?office|absence du bureau|absent du bureau|r[ée]ponse automatique|automatic reply|auto(matic)?[- ]?reply|^\s*auto:|undeliverable|undelivered mail|delivery status notification|delivery has failed|mail delivery (failed|failure|subsystem)|non remis|message non distribu|abwesenheitsnotiz|automatische antwort)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex AutoSubject();
}
