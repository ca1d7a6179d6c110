using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace LeadIntake.Functions.Tests.Privacy;

/// <summary>
/// Looks for strings in everything a storage account holds: every property of every entity of every table (binary
/// properties read as UTF-8), every message of every queue (poison queues included; base64 decoded too), and the
/// files of a folder. Returns where each was found, so a failure says which store kept what.
/// </summary>
internal static class StorageScan
{
    public static async Task<List<string>> FindAsync(string storage, IReadOnlyList<string> needles, string? folder = null)
    {
        var hits = new List<string>();
        var tables = new TableServiceClient(storage);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (name, value) in entity)
                {
                    var text = value switch
                    {
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        BinaryData data => data.ToString(),
                        null => "",
                        _ => value.ToString() ?? "",
                    };
                    Match(hits, needles, $"table {table.Name} {entity.PartitionKey}/{entity.RowKey}.{name}", text);
                }
                Match(hits, needles, $"table {table.Name} keys", entity.PartitionKey + " " + entity.RowKey);
            }
        }
        var queues = new QueueServiceClient(storage);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var peeked = await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32);
            foreach (var message in peeked.Value)
            {
                var text = message.Body.ToString();
                Match(hits, needles, $"queue {queue.Name}", text);
                try
                {
                    Match(hits, needles, $"queue {queue.Name} (base64)", Encoding.UTF8.GetString(Convert.FromBase64String(text)));
                }
                catch (FormatException)
                {
                }
            }
        }
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                Match(hits, needles, $"file {Path.GetFileName(file)}", await File.ReadAllTextAsync(file));
            }
        }
        return hits;
    }

    private static void Match(List<string> hits, IReadOnlyList<string> needles, string where, string text)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase)) hits.Add($"{where}: '{needle}'");
        }
    }
}
