using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Account ownership: PartitionKey <c>domain</c> (a company's mail domain; free-mail domains are nobody's account) or
/// <c>contact</c> (base64url SHA-256 of the lower-case email: no address stored in clear), RowKey the key, <c>Rep</c>
/// the owner. The last rep who accepted or qualified a lead from the account owns it.
/// </summary>
internal sealed class TableAccountOwners(StorageAccount storage) : IAccountOwners
{
    private const string DomainPartition = "domain";
    private const string ContactPartition = "contact";
    private readonly TableClient _table = storage.Table(TableNames.AccountOwners);

    public async Task<AccountOwner?> FindAsync(Lead lead, CancellationToken cancellationToken)
    {
        var (domain, contact) = KeysOf(lead);
        var byDomain = domain is null ? Task.FromResult<string?>(null) : RepAsync(DomainPartition, domain, cancellationToken);
        var byContact = contact is null ? Task.FromResult<string?>(null) : RepAsync(ContactPartition, contact, cancellationToken);
        if (await byContact.ConfigureAwait(false) is { } contactRep) return new AccountOwner(contactRep, AccountMatch.Contact);
        if (await byDomain.ConfigureAwait(false) is { } domainRep) return new AccountOwner(domainRep, AccountMatch.CompanyDomain);
        return null;
    }

    public async Task RecordAsync(Lead lead, string repEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (domain, contact) = KeysOf(lead);
        var work = new List<Task>();
        if (domain is not null) work.Add(_table.UpsertEntityAsync(new TableEntity(DomainPartition, domain) { ["Rep"] = repEmail, ["At"] = now }, TableUpdateMode.Replace, cancellationToken));
        if (contact is not null) work.Add(_table.UpsertEntityAsync(new TableEntity(ContactPartition, contact) { ["Rep"] = repEmail, ["At"] = now }, TableUpdateMode.Replace, cancellationToken));
        await Task.WhenAll(work).ConfigureAwait(false);
    }

    /// <summary>Forgets who owns this contact (an erasure: the row is keyed by the email's hash). True when a row was removed.</summary>
    public async Task<bool> ForgetContactAsync(Lead lead, CancellationToken cancellationToken)
    {
        var (_, contact) = KeysOf(lead);
        if (contact is null) return false;
        try
        {
            await _table.DeleteEntityAsync(ContactPartition, contact, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private async Task<string?> RepAsync(string partition, string key, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? entity.GetString("Rep") : null;
    }

    private static (string? Domain, string? Contact) KeysOf(Lead lead)
    {
        var email = lead.Contact.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email)) return (null, null);
        var domain = EmailDomains.DomainOf(email);
        var contact = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
        // A "domain" a RowKey can't hold as it is ('/', '#', control characters…) is no company's domain: nobody's account.
        bool usable = domain is not null && !EmailDomains.IsFreeMail(domain) && TableKey.IsValidAsIs(domain);
        return (usable ? domain : null, contact);
    }
}
