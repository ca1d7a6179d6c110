namespace LeadIntake.Core.Leads;

/// <summary>
/// A marketing captured lead (MCL) as a channel parser produced it: the same shape for every channel and provider,
/// before any judgement. Intake stores it as a <see cref="Lead"/> in status <c>captured</c>.
/// </summary>
public sealed record CapturedLead
{
    public required Channel Channel { get; init; }
    /// <summary>Which provider delivered it: <c>web</c> for our own forms, <c>twilio</c>, <c>sendgrid</c>…</summary>
    public required string Provider { get; init; }
    /// <summary>The provider's own id of the event (CallSid, Message-Id, Idempotency-Key…), used for idempotency.</summary>
    public string? ProviderEventId { get; init; }
    public required Contact Contact { get; init; }
    public string? Subject { get; init; }
    public string? Message { get; init; }
    public SourceAttribution Source { get; init; } = SourceAttribution.None;
    /// <summary>The general consent field as the form sent it (kept as before purposes existed).</summary>
    public ConsentRecord? Consent { get; init; }
    /// <summary>A form's per-purpose consent checkboxes (<c>consent_{purpose}</c>): purpose id → ticked.</summary>
    public IReadOnlyDictionary<string, bool> ConsentChoices { get; init; } = new Dictionary<string, bool>();
    /// <summary>Purposes the person objected to on the form (<c>optout_{purpose}</c> ticked).</summary>
    public IReadOnlyList<string> OptOuts { get; init; } = [];
    /// <summary>Purposes, provenance and notice, stamped at capture; null on leads stored before they existed.</summary>
    public Privacy.LeadPrivacy? Privacy { get; init; }
    public AntiBotSignals Signals { get; init; } = AntiBotSignals.None;
    /// <summary>Fields the channel sent that LeadIntake has no column for, kept as given.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();
    /// <summary>Files that came with an inbound email, listed (name, type, size), never their content.</summary>
    public IReadOnlyList<LeadAttachment> Attachments { get; init; } = [];
    /// <summary>What is known of the phone call behind a call lead; null for the other channels.</summary>
    public CallDetails? Call { get; init; }
}
