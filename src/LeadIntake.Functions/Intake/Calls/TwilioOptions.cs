namespace LeadIntake.Functions.Intake.Calls;

/// <summary>Twilio voice webhooks (<c>Twilio__*</c>). With an auth token set, every request must carry a valid <c>X-Twilio-Signature</c>.</summary>
internal sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The account's auth token (the HMAC key of <c>X-Twilio-Signature</c>); empty turns verification off.</summary>
    public string? AuthToken { get; set; }
}
