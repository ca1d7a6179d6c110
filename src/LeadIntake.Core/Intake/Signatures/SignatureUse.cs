namespace LeadIntake.Core.Intake.Signatures;

/// <summary>What recording a valid webhook signature found (<see cref="Leads.IIntakeKeys.RecordSignatureAsync"/>).</summary>
public enum SignatureUse
{
    /// <summary>Never seen: this delivery is the first to use it.</summary>
    First,
    /// <summary>Seen with the same delivery: the provider's retry (or an identical replay). Idempotency answers with the same lead id.</summary>
    SameDelivery,
    /// <summary>Seen with a different delivery: a replay of a captured signature. Refused with 401.</summary>
    Replayed,
}
