using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// Sent-once mail: a row per lead and purpose is inserted before sending and marked sent after.
/// A retry that finds it sent does nothing; one that finds it pending (a crash between send and mark) sends again:
/// at-least-once, with the same Message-Id so mail clients can fold the rare duplicate.
/// </summary>
public sealed class TableMailOutbox(Storage.StorageAccount storage, IMailSender sender, MimeMessageFactory factory, TimeProvider time) : IMailOutbox
{
    private readonly TableClient _table = storage.Table(Storage.TableNames.Mail);

    public Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken) =>
        SendOnceAsync(leadId.Value, mail, () => factory.Create(leadId, mail), cancellationToken);

    // Lead ids are 26 base32 characters: a topic such as "review-digest" can never be mistaken for one.
    public Task<bool> SendOnceAsync(string topic, OutgoingMail mail, CancellationToken cancellationToken) =>
        SendOnceAsync(topic, mail, () => factory.Create(topic, mail), cancellationToken);

    public async Task<bool> WasSentAsync(string topic, string purpose, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(topic, RowKeyOf(purpose), select: ["State"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value?.GetString("State") == "sent";
    }

    private async Task<bool> SendOnceAsync(string partition, OutgoingMail mail, Func<MimeKit.MimeMessage> create, CancellationToken cancellationToken)
    {
        var row = new TableEntity(partition, RowKeyOf(mail.Purpose)) { ["State"] = "pending", ["To"] = mail.To.Address };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await _table.GetEntityAsync<TableEntity>(partition, RowKeyOf(mail.Purpose), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (existing.GetString("State") == "sent") return false;
        }

        await sender.SendAsync(create(), cancellationToken).ConfigureAwait(false);
        row["State"] = "sent";
        row["SentAt"] = time.GetUtcNow();
        await _table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // A RowKey may not hold '/', '\\', '#' or '?' (Table service data model); purposes such as "rep-notification/{ms}" do.
    private static string RowKeyOf(string purpose) =>
        string.Create(purpose.Length, purpose, (span, p) =>
        {
            for (int i = 0; i < p.Length; i++) span[i] = p[i] is '/' or '\\' or '#' or '?' || char.IsControl(p[i]) ? '~' : p[i];
        });
}
