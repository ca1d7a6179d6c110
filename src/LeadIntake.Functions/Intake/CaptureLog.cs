using LeadIntake.Core.Intake.Signatures;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Capture's log lines (EventIds 2100–2199). Parameters are providers, verdicts, ids and counts only: never an
/// address, a number, a name, a header value or a body (docs/conventions.md, 'Logging').
/// </summary>
internal static partial class CaptureLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Webhook from {Provider} refused: {Verdict} credential in {Field}")]
    public static partial void CredentialRefused(ILogger logger, string provider, SignatureVerdict verdict, string field);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Raw payload of lead {LeadId} could not be stored; the lead itself is stored")]
    public static partial void RawPayloadFailed(ILogger logger, Exception exception, string leadId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Call event from {Provider} merged into lead {LeadId} (created: {Created}, queued: {Queued})")]
    public static partial void CallMerged(ILogger logger, string provider, string leadId, bool created, bool queued);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Repeated call delivery from {Provider} for lead {LeadId} skipped")]
    public static partial void CallDuplicate(ILogger logger, string provider, string leadId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Call lead {LeadId} is stored but could not be queued for screening; the sweeper will queue it")]
    public static partial void CallEnqueueFailed(ILogger logger, Exception exception, string leadId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Delivery from {Provider} ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Meta Graph lead fetch failed ({Reason}); the delivery fails so Meta retries it")]
    public static partial void GraphFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Meta lead from the Graph API is not usable ({ErrorCount} field errors); skipped")]
    public static partial void GraphLeadUnusable(ILogger logger, int errorCount);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "CAPTCHA verifier unreachable ({Reason}); form accepted with CaptchaPassed unknown")]
    public static partial void CaptchaUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "Meta webhook verification refused")]
    public static partial void MetaVerificationRefused(ILogger logger);
}
