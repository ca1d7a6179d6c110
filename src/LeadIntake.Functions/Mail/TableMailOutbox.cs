using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// Sent-once mail (docs/reliability.md, "Mail: sent once"). One row per lead and purpose moves
/// pending → sending → sent. The move to <c>sending</c> is the claim: an insert, or an update carrying the row's ETag,
/// so of two overlapping runs exactly one sends; the other waits for <c>sent</c> or for the claim to expire (then it
/// recovers the mail itself), and only after <see cref="MailOptions.InProgressWait"/> gives up with
/// <see cref="MailSendInProgressException"/> (its message comes back later). A claim older than
/// <see cref="MailOptions.ClaimTimeout"/> is a run that crashed around the send: the next run takes it over and first
/// asks the sender whether the Message-Id already left (the pickup folder can tell; an SMTP server can't, so the
/// mail is sent again with the same Message-Id: at most one duplicate per crash during the SMTP exchange).
/// A lead's rows live in the lead's partition of <c>Leads</c> (<see cref="LeadMailRows"/>), so a claim can ride on the
/// save that decided the mail (<see cref="ClaimWithSave"/>, <see cref="SendClaimedAsync"/>) and the <c>sent</c> mark
/// on the lead's next save; topics, and lead rows of earlier versions, are in <c>Mail</c>.
/// </summary>
internal sealed partial class TableMailOutbox(
    StorageAccount storage,
    IMailSender sender,
    MimeMessageFactory factory,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<TableMailOutbox> logger) : IMailOutbox
{
    /// <summary>Who holds a claim: machine, process and a per-process random part (instances may share a machine name).</summary>
    internal static readonly string InstanceId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(5);
    private readonly TableClient _mail = storage.Table(TableNames.Mail);
    private readonly TableClient _leads = storage.Table(TableNames.Leads);

    public Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken) =>
        SendOnceAsync(LeadRow(leadId, mail.Purpose), mail, () => factory.Create(leadId, mail), cancellationToken);

    // Lead ids are 26 base32 characters: a topic such as "review-digest" can never be mistaken for one.
    public Task<bool> SendOnceAsync(string topic, OutgoingMail mail, CancellationToken cancellationToken) =>
        SendOnceAsync(TopicRow(topic, mail.Purpose), mail, () => factory.Create(topic, mail), cancellationToken);

    public async Task<bool> WasSentAsync(string topic, string purpose, CancellationToken cancellationToken)
    {
        var where = TopicRow(topic, purpose);
        var row = await where.Table.GetEntityIfExistsAsync<TableEntity>(where.PartitionKey, where.RowKey, select: ["State"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value?.GetString("State") == "sent";
    }

    /// <summary>
    /// Forgets the addresses of the lead's mails (a purge), in its partition and in the legacy <c>Mail</c> table: each
    /// row keeps its state, purpose, time and Message-Id (no personal data: lead id and purpose) so a mail is still
    /// never sent twice, and loses its recipient and the server's answer. Returns the Message-Ids, so the caller can
    /// remove pickup copies.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForgetLeadAsync(LeadId leadId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var (where, row) in ReadRowsOfLeadAsync(leadId, select: null, cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("MessageId") is { } messageId) ids.Add(messageId);
            if (row.GetString("To") is null && row.GetString("ServerAnswer") is null) continue;
            row["To"] = null;
            row["ServerAnswer"] = null;
            try
            {
                await where.Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // A send is moving the row right now: the purge fails and its retry (or the request's queue) runs again.
                throw new MailSendInProgressException(leadId.Value, row.RowKey);
            }
        }
        return ids;
    }

    public LeadMailRow.Claimed ClaimWithSave(LeadId leadId, OutgoingMail mail) =>
        new(mail.Purpose, mail.To.Address, MailClaim.MessageIdOf(leadId.Value, mail.Purpose), time.GetUtcNow(), InstanceId);

    public async Task<LeadMailRow.Sent> SendClaimedAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken)
    {
        // The claim was inserted with the save that decided the mail: its purpose is new, so no earlier run can have sent it.
        string? answer;
        try
        {
            answer = await sender.SendAsync(factory.Create(leadId, mail), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // As for any claim: free it so the retry (the queued message) sends at once instead of waiting for it to expire.
            await ReleaseAsync(LeadRow(leadId, mail.Purpose), mail, null).ConfigureAwait(false);
            throw;
        }
        return new LeadMailRow.Sent(mail.Purpose, time.GetUtcNow(), LeadMailRows.Trimmed(answer));
    }

    // Not cancellable: the mail is out, the record of it must be written even while the app stops.
    public async Task RecordSentAsync(LeadId leadId, IReadOnlyList<LeadMailRow.Sent> sent, CancellationToken cancellationToken)
    {
        foreach (var mark in sent)
        {
            var entity = LeadMailRows.SentEntity(leadId, mark);
            await KeepTryingAsync(() => _leads.UpsertEntityAsync(entity, TableUpdateMode.Merge, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every outbox row of <paramref name="leadId"/>, read in the same two queries that find them (its partition's
    /// <c>{id}|mail|…</c> rows, then the legacy <c>Mail</c> rows), with <paramref name="select"/> columns (all when null)
    /// and their ETags.
    /// </summary>
    public async IAsyncEnumerable<(RowAddress Where, TableEntity Row)> ReadRowsOfLeadAsync(LeadId leadId, IEnumerable<string>? select, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (low, high) = LeadMailRows.RangeOf(leadId);
        var inPartition = TableClient.CreateQueryFilter($"PartitionKey eq {LeadPartition.For(leadId)} and RowKey ge {low} and RowKey lt {high}");
        await foreach (var row in _leads.QueryAsync<TableEntity>(inPartition, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return (new RowAddress(_leads, row.PartitionKey, row.RowKey, leadId.Value), row);
        }
        var legacy = TableClient.CreateQueryFilter($"PartitionKey eq {leadId.Value}");
        await foreach (var row in _mail.QueryAsync<TableEntity>(legacy, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return (new RowAddress(_mail, row.PartitionKey, row.RowKey, leadId.Value), row);
        }
    }

    private RowAddress LeadRow(LeadId id, string purpose) => new(_leads, LeadPartition.For(id), LeadMailRows.RowKeyFor(id, purpose), id.Value, Legacy: new(_mail, id.Value, LeadMailRows.PurposeKey(purpose), id.Value));

    private RowAddress TopicRow(string topic, string purpose) => new(_mail, topic, LeadMailRows.PurposeKey(purpose), topic);

    /// <summary>Sends the mail of <paramref name="where"/> (a lead's row or a topic's) once; <paramref name="create"/> builds the MIME message.</summary>
    private async Task<bool> SendOnceAsync(RowAddress where, OutgoingMail mail, Func<MimeKit.MimeMessage> create, CancellationToken cancellationToken)
    {
        var key = where.Key;
        var waitUntil = time.GetUtcNow() + options.Value.InProgressWait;
        var poll = FirstPoll;
        for (int round = 0; ; round++)
        {
            var claim = await TryClaimAsync(where, mail, cancellationToken).ConfigureAwait(false);
            switch (claim.Outcome)
            {
                case ClaimOutcome.Claimed:
                    return await DeliverAsync(where, mail, create, claim, cancellationToken).ConfigureAwait(false);
                case ClaimOutcome.AlreadySent:
                    return false;
                case ClaimOutcome.Lost when round < 3:
                    continue; // someone moved the row between our read and our write: read it again
                default:
                    if (time.GetUtcNow() >= waitUntil)
                    {
                        LogInProgress(logger, key, mail.Purpose);
                        throw new MailSendInProgressException(key, mail.Purpose);
                    }
                    // Wait for the other run's outcome within this delivery: the queue runtime renews the message's
                    // lease meanwhile, whereas failing now would spend a dequeue attempt every visibility timeout and
                    // could poison the message of a crashed sender before its claim expires.
                    await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
                    poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, MaxPoll.Ticks));
                    break;
            }
        }
    }

    /// <summary>Moves the row to <c>sending</c> for this run, or says why not. Internal: tests stop a run right after it.</summary>
    internal Task<Claim> TryClaimAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken) =>
        TryClaimAsync(LeadRow(leadId, mail.Purpose), mail, cancellationToken);

    private async Task<Claim> TryClaimAsync(RowAddress where, OutgoingMail mail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = where.Key;
        var messageId = MailClaim.MessageIdOf(key, mail.Purpose);
        var row = new TableEntity(where.PartitionKey, where.RowKey)
        {
            ["State"] = "sending", ["To"] = mail.To.Address, ["MessageId"] = messageId,
            ["ClaimedAt"] = now, ["ClaimedBy"] = InstanceId, ["Attempt"] = 1,
        };
        if (where.Table == _leads) row["Kind"] = LeadMailRows.Kind;
        try
        {
            var added = await where.Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            row.ETag = added.Headers.ETag ?? ETag.All;
            return where.Legacy is { } legacy ? await AfterLegacyAsync(where, legacy, mail, row, cancellationToken).ConfigureAwait(false) : new Claim(ClaimOutcome.Claimed, row, Unconfirmed: false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // the row exists: decide on what it says
        }

        var found = await where.Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } existing) return new Claim(ClaimOutcome.Lost, row, false);
        var state = StateOf(existing.GetString("State"));
        switch (MailClaim.Decide(state, existing.GetDateTimeOffset("ClaimedAt"), now, options.Value.ClaimTimeout))
        {
            case MailClaimStep.AlreadySent:
                return new Claim(ClaimOutcome.AlreadySent, existing, false);
            case MailClaimStep.InProgress:
                return new Claim(ClaimOutcome.InProgress, existing, false);
        }
        // Pending (written before sending by older versions, or released after a failed send) or an expired claim:
        // both may hide a mail that already left. Take the row over with its ETag; the loser of a race reads again.
        int attempt = (existing.GetInt32("Attempt") ?? 0) + 1;
        row["Attempt"] = attempt;
        try
        {
            var updated = await where.Table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = updated.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return new Claim(ClaimOutcome.Lost, existing, false);
        }
        // May the mail already have left? After an expired claim, or a pending row of the older outbox (no Attempt
        // column: it wrote pending, sent, then marked). A row we released after a failed send is pending with an Attempt.
        bool recovered = state == MailSendState.Sending || existing.GetInt32("Attempt") is null;
        if (recovered) LogRecovering(logger, key, mail.Purpose, attempt);
        return new Claim(ClaimOutcome.Claimed, row, Unconfirmed: recovered);
    }

    /// <summary>
    /// A first claim of a lead mail in its partition: an earlier version kept the row in the <c>Mail</c> table, where
    /// it may say the mail already left (or was being sent when that version stopped). One point read, only on this
    /// path: a claim that rides on a save is for a purpose new with that save, which no earlier version can have used.
    /// </summary>
    private async Task<Claim> AfterLegacyAsync(RowAddress where, RowAddress legacy, OutgoingMail mail, TableEntity row, CancellationToken cancellationToken)
    {
        var old = await legacy.Table.GetEntityIfExistsAsync<TableEntity>(legacy.PartitionKey, legacy.RowKey, select: ["State", "Attempt"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!old.HasValue || old.Value is not { } found) return new Claim(ClaimOutcome.Claimed, row, Unconfirmed: false);
        var state = StateOf(found.GetString("State"));
        if (state == MailSendState.Sent)
        {
            await MarkSentAsync(where, mail, row, "sent by an earlier version (Mail table)").ConfigureAwait(false);
            return new Claim(ClaimOutcome.AlreadySent, row, false);
        }
        // A legacy claim, or a pending row of the oldest outbox (no Attempt: it wrote pending, sent, then marked), may
        // hide a mail that left: the sender is asked first, as after an expired claim.
        bool recovered = state == MailSendState.Sending || found.GetInt32("Attempt") is null;
        if (recovered) LogRecovering(logger, where.Key, mail.Purpose, 1);
        return new Claim(ClaimOutcome.Claimed, row, Unconfirmed: recovered);
    }

    private async Task<bool> DeliverAsync(RowAddress where, OutgoingMail mail, Func<MimeKit.MimeMessage> create, Claim claim, CancellationToken cancellationToken)
    {
        var key = where.Key;
        var row = claim.Row;
        var messageId = row.GetString("MessageId");
        if (claim.Unconfirmed && await sender.CheckDeliveredAsync(messageId, cancellationToken).ConfigureAwait(false) == MailDeliveryCheck.Delivered)
        {
            // The crashed run's mail did leave: record it, send nothing.
            await MarkSentAsync(where, mail, row, "found already delivered after a crash").ConfigureAwait(false);
            return false;
        }

        string? answer;
        try
        {
            answer = await sender.SendAsync(create(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Refused or cut off: free the row so the retry sends at once instead of waiting for the claim to expire.
            // (If the cut came after the server took the mail, the retry is the one duplicate a crash there may cost.)
            await ReleaseAsync(where, mail, row).ConfigureAwait(false);
            throw;
        }
        if (claim.Unconfirmed) LogResent(logger, key, mail.Purpose, row.GetInt32("Attempt") ?? 0);
        await MarkSentAsync(where, mail, row, answer).ConfigureAwait(false);
        return true;
    }

    // Not cancellable: the mail is out, the record of it must be written even while the app stops.
    private async Task MarkSentAsync(RowAddress where, OutgoingMail mail, TableEntity row, string? answer)
    {
        row["State"] = "sent";
        row["SentAt"] = time.GetUtcNow();
        row["ServerAnswer"] = LeadMailRows.Trimmed(answer);
        try
        {
            await KeepTryingAsync(() => where.Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, CancellationToken.None)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Our claim expired and another run took the row over: it resolves it; nothing to add here.
            LogClaimTakenOver(logger, where.Key, mail.Purpose);
        }
    }

    /// <summary>
    /// Storage going away right after a send must not turn into a resend: keep trying to record it while the claim is
    /// still ours (within ClaimTimeout nobody else takes the row over); the queue renews the message's lease.
    /// </summary>
    private async Task KeepTryingAsync(Func<Task> write)
    {
        var giveUpAt = time.GetUtcNow() + options.Value.ClaimTimeout;
        var wait = FirstPoll;
        while (true)
        {
            try
            {
                await write().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (StorageFaults.IsStorageOutage(e) && time.GetUtcNow() + wait < giveUpAt)
            {
                await Task.Delay(wait, time, CancellationToken.None).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPoll.Ticks));
            }
        }
    }

    /// <summary>Frees a claim after a failed send; <paramref name="row"/> null: a claim saved with the lead, whose ETag this run never saw.</summary>
    private async Task ReleaseAsync(RowAddress where, OutgoingMail mail, TableEntity? row)
    {
        try
        {
            if (row is null)
            {
                var free = new TableEntity(where.PartitionKey, where.RowKey) { ["State"] = "pending", ["ClaimedAt"] = null };
                await where.Table.UpdateEntityAsync(free, ETag.All, TableUpdateMode.Merge, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            row["State"] = "pending";
            row["ClaimedAt"] = null;
            await where.Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or TimeoutException)
        {
            // Storage is failing too: the claim simply expires and the next run recovers it.
            LogReleaseFailed(logger, e, where.Key, mail.Purpose);
        }
    }

    private static MailSendState StateOf(string? state) => state switch
    {
        "sent" => MailSendState.Sent,
        "sending" => MailSendState.Sending,
        _ => MailSendState.Pending,
    };

    /// <summary>
    /// Where one mail's row is: a lead's in the lead's partition of <c>Leads</c> (<see cref="LeadMailRows"/>), with
    /// where an earlier version kept it (<paramref name="Legacy"/>); a topic's in <c>Mail</c>. <paramref name="Key"/>:
    /// the lead id or topic, for the Message-Id and the logs.
    /// </summary>
    internal sealed record RowAddress(TableClient Table, string PartitionKey, string RowKey, string Key, RowAddress? Legacy = null);

    internal enum ClaimOutcome
    {
        Claimed,
        AlreadySent,
        InProgress,
        Lost,
    }

    /// <summary>The row as this run last wrote or read it; <paramref name="Unconfirmed"/>: taken over from a row that may hide a sent mail (counted as a resend).</summary>
    internal sealed record Claim(ClaimOutcome Outcome, TableEntity Row, bool Unconfirmed);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Lead {LeadId}: mail {Purpose} is being sent by another run; the message will come back")]
    private static partial void LogInProgress(ILogger logger, string leadId, string purpose);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Lead {LeadId}: mail {Purpose} was claimed by a run that never confirmed it; recovering (attempt {Attempt})")]
    private static partial void LogRecovering(ILogger logger, string leadId, string purpose, int attempt);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Lead {LeadId}: mail {Purpose} sent again with the same Message-Id after an unconfirmed claim (attempt {Attempt})")]
    private static partial void LogResent(ILogger logger, string leadId, string purpose, int attempt);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Lead {LeadId}: mail {Purpose} was sent after its claim expired and another run took it over")]
    private static partial void LogClaimTakenOver(ILogger logger, string leadId, string purpose);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Lead {LeadId}: mail {Purpose} failed and its claim could not be released; it is recovered when the claim expires")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string leadId, string purpose);
}
