namespace LeadIntake.Core.Intake.Social;

/// <summary>
/// The answer to Meta's webhook verification request (<c>GET ?hub.mode=subscribe&amp;hub.verify_token=…&amp;hub.challenge=…</c>,
/// https://developers.facebook.com/docs/graph-api/webhooks/getting-started/): 200 with the raw challenge as the body,
/// or 403.
/// </summary>
public sealed record MetaVerificationDecision(bool Accepted, string? Challenge)
{
    private static readonly MetaVerificationDecision Rejected = new(false, null);

    public static MetaVerificationDecision Decide(string? mode, string? verifyToken, string? challenge, string configuredVerifyToken)
    {
        if (mode != "subscribe" || string.IsNullOrEmpty(challenge) || challenge.Length > 200) return Rejected;
        if (!Signatures.ConstantTime.TextEquals(verifyToken, configuredVerifyToken)) return Rejected;
        // The challenge is echoed as the body: only plain characters, so nothing can be injected into the response.
        return challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? new(true, challenge) : Rejected;
    }
}
