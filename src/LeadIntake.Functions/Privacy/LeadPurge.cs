using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Mail;
using LeadIntake.Functions.Stages;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// Purges one lead's personal data everywhere it lives (docs/privacy.md, "Erasure"). First the stores outside the
/// lead row, which need the contact to find their rows: the contact index rows of its keys, the intake claim of its
/// event id, its raw payloads, its feedback example and index row, its review row, its mails' recipients and pickup
/// copies, and for an erasure the account-owner row of its email. Then the lead itself becomes a skeleton
/// (<see cref="LeadRedaction"/>) in one ETag save run by the <see cref="StageRunner"/>, which rewrites its events too.
/// The lead row is written last: a purge cut anywhere before leaves the lead unpurged, and purging again finishes it;
/// a purged lead is left alone (<see cref="LeadPurgeResult.AlreadyPurged"/>, no writes).
/// </summary>
internal sealed partial class LeadPurge(
    ILeadStore store,
    StageRunner runner,
    StorageAccount storage,
    TableMailOutbox outbox,
    IOptions<MailOptions> mail,
    ILogger<LeadPurge> logger) : ILeadPurge
{
    private const string Stage = "purge";

    private readonly TableContactIndex _contacts = new(storage);
    private readonly TableIntakeKeys _intakeKeys = new(storage);
    private readonly TableRawPayloadStore _raw = new(storage);
    private readonly TableScreeningFeedback _feedback = new(storage);
    private readonly TableReviewQueue _review = new(storage);
    private readonly TableAccountOwners _owners = new(storage);

    public async Task<LeadPurgeResult> PurgeAsync(LeadId leadId, PurgeReason reason, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return new LeadPurgeResult(Found: false, AlreadyPurged: false, RowsChanged: 0);
        if (stored.Lead.Purged is not null) return new LeadPurgeResult(Found: true, AlreadyPurged: true, RowsChanged: 0);

        int rows = await ForgetOutsideAsync(stored.Lead, reason, cancellationToken).ConfigureAwait(false);
        Lead? decidedOn = null;
        var change = await runner.RunAsync(stored, Stage, (lead, now) =>
        {
            decidedOn = lead;
            return LeadRedaction.Decide(lead, reason, now);
        }, cancellationToken).ConfigureAwait(false);
        // Someone saved the lead between our read and the purge (screening normalised its contact, a call update came
        // in): what that change recorded outside the lead row is keyed by the contact it saw, so forget that one too.
        if (decidedOn is { } fresh && fresh != stored.Lead)
        {
            rows += await ForgetOutsideAsync(fresh, reason, cancellationToken).ConfigureAwait(false);
        }
        switch (change)
        {
            case LeadChange.Applied:
                rows++;
                LogPurged(logger, leadId.Value, reason, rows);
                return new LeadPurgeResult(Found: true, AlreadyPurged: false, RowsChanged: rows);
            case LeadChange.Unchanged:
                return new LeadPurgeResult(Found: true, AlreadyPurged: true, RowsChanged: rows);
            default:
                return new LeadPurgeResult(Found: false, AlreadyPurged: false, RowsChanged: rows);
        }
    }

    private async Task<int> ForgetOutsideAsync(Lead lead, PurgeReason reason, CancellationToken cancellationToken)
    {
        int rows = await _contacts.ForgetAsync(lead.Id, KeysOf(lead), cancellationToken).ConfigureAwait(false);
        // A call's id is the provider's (CallSid): harmless, and it keeps a late event of that call on this lead.
        // Any other event id may hold an address (Message-Id) or free text (Idempotency-Key).
        if (lead.Captured.Call is null && !string.IsNullOrEmpty(lead.Captured.ProviderEventId)
            && await _intakeKeys.ForgetAsync(lead.Provider, lead.Captured.ProviderEventId, cancellationToken).ConfigureAwait(false))
        {
            rows++;
        }
        rows += await _raw.DeleteAllAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        rows += await _feedback.ForgetAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        await _review.RemoveAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        // The owner row is the person's, not the lead's: an erasure removes it, retention of one lead leaves it.
        if (reason == PurgeReason.Erasure && await _owners.ForgetContactAsync(lead, cancellationToken).ConfigureAwait(false)) rows++;
        foreach (var messageId in await outbox.ForgetLeadAsync(lead.Id, cancellationToken).ConfigureAwait(false))
        {
            var copy = PickupDirectoryMailSender.PathOf(mail.Value.PickupDirectory, messageId);
            if (!File.Exists(copy)) continue;
            File.Delete(copy);
            rows++;
        }
        return rows;
    }

    /// <summary>Every contact index key the lead was (or may have been) recorded under, before and after normalisation.</summary>
    internal static IEnumerable<string> KeysOf(Lead lead)
    {
        var keys = ContactKeys.For(lead.Contact, lead.Captured.Signals).All.ToList();
        if (lead.OriginalContact is { } original) keys.AddRange(ContactKeys.For(original, lead.Captured.Signals).All);
        if (ContactKeys.ForPhone(lead.Captured.Call?.From) is { } caller) keys.Add(caller);
        return keys.Distinct(StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 9401, Level = LogLevel.Information, Message = "Lead {LeadId}: personal data purged ({Reason}), {Rows} rows changed")]
    private static partial void LogPurged(ILogger logger, string leadId, PurgeReason reason, int rows);
}
