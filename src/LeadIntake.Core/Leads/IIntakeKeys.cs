namespace LeadIntake.Core.Leads;

/// <summary>
/// Provider event id → lead id, insert-if-absent (docs/conventions.md, 'Insert first'): the first delivery claims the event for a new lead id;
/// every later delivery of the same event gets that same id back.
/// </summary>
public interface IIntakeKeys
{
    /// <summary>Returns <paramref name="candidate"/> when this call claimed the event, else the id claimed earlier.</summary>
    Task<LeadId> ClaimAsync(string provider, string providerEventId, LeadId candidate, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a valid signature was used for one delivery, insert-first: the first use is recorded; a later use
    /// with the same <paramref name="deliveryKey"/> is the same delivery; with another key it is a replay.
    /// </summary>
    /// <param name="provider">The provider whose signature it is.</param>
    /// <param name="signature">What identifies the signature (Mailgun: timestamp and token; Twilio, Meta: the header value).</param>
    /// <param name="deliveryKey">What identifies the delivery: the provider event id, else a hash of the body.</param>
    /// <param name="expiresAt">When the signature stops being accepted anyway (kept on the row for a purge); null: never.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    Task<Intake.Signatures.SignatureUse> RecordSignatureAsync(
        string provider, string signature, string deliveryKey, DateTimeOffset? expiresAt, CancellationToken cancellationToken);
}
