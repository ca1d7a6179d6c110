using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// Sent-once mail (DESIGN §2): a row per lead and purpose is inserted before sending and marked sent after.
/// A retry that finds it sent does nothing; one that finds it pending (a crash between send and mark) sends again:
/// at-least-once, with the same Message-Id so mail clients can fold the rare duplicate.
/// </summary>
public sealed class TableMailOutbox(Storage.StorageAccount storage, IMailSender sender, MimeMessageFactory factory, TimeProvider time) : IMailOutbox
{
    private readonly TableClient _table = storage.Table(Storage.TableNames.Mail);

    public async Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken)
    {
        var row = new TableEntity(leadId.Value, RowKeyOf(mail.Purpose)) { ["State"] = "pending", ["To"] = mail.To.Address };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await _table.GetEntityAsync<TableEntity>(leadId.Value, RowKeyOf(mail.Purpose), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (existing.GetString("State") == "sent") return false;
        }

        await sender.SendAsync(factory.Create(leadId, mail), cancellationToken).ConfigureAwait(false);
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
