namespace LeadIntake.Core.Leads;

/// <summary>
/// Facts captured at intake for the spam verdict; intake never judges, it only records.
/// </summary>
public sealed record AntiBotSignals
{
    /// <summary>The hidden honeypot field had a value: humans never see it.</summary>
    public bool HoneypotFilled { get; init; }
    /// <summary>Time from form render to submit, when the form sent its render timestamp.</summary>
    public TimeSpan? TimeToSubmit { get; init; }
    /// <summary>A hash of the client address (never the address itself: PII), for burst detection.</summary>
    public string? ClientFingerprint { get; init; }
    /// <summary>A provider's own spam score (SendGrid's <c>spam_score</c>), when given.</summary>
    public double? ProviderSpamScore { get; init; }
    /// <summary>An auto-reply, bounce or out-of-office message recognised at capture.</summary>
    public bool AutoReply { get; init; }
    /// <summary>A CAPTCHA (Turnstile / reCAPTCHA) verification result, when one was checked.</summary>
    public bool? CaptchaPassed { get; init; }

    public static AntiBotSignals None { get; } = new();
}
