using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The Data Protection key ring (it protects the cockpit's sign-in cookie and form tokens) in the <c>ConsoleKeys</c>
/// table: one row per key XML (PartitionKey <c>key</c>, RowKey the key's friendly name). Every instance of the app
/// reads the same keys, so a cookie set by one instance is read by the next one, and a restart signs nobody out.
/// Data Protection asks synchronously, hence the synchronous calls; it caches the ring and asks rarely.
/// </summary>
internal sealed class TableKeyRing(StorageAccount storage) : IXmlRepository
{
    private const string Partition = "key";
    private readonly TableClient _table = storage.Table(TableNames.ConsoleKeys);
    private int _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        return _table.Query<TableEntity>(filter).Select(e => XElement.Parse(e.GetString("Xml") ?? "<empty/>")).Where(e => e.Name != "empty").ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureTable();
        try
        {
            _table.AddEntity(new TableEntity(Partition, TableKey.Encode(friendlyName)) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A key's name is a fresh GUID: a 409 is our own retried insert.
        }
    }

    private void EnsureTable()
    {
        if (Interlocked.Exchange(ref _created, 1) == 0) _table.CreateIfNotExists();
    }
}
