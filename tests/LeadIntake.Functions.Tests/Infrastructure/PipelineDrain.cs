using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// Waits until the pipeline of one storage account has nothing left to do, so a test can then assert that something
/// did NOT happen (no second mail, no second "screened" event) without guessing how long a late duplicate takes.
/// </summary>
/// <remarks>
/// Idle means, on two reads in a row: every pipeline queue holds no message, and no mail row is claimed
/// (<c>sending</c>). A queue's approximate count includes invisible messages, so a message being handled, or waiting
/// out its visibility timeout after a failure, keeps the pipeline busy. A handler enqueues its next message before its
/// own message is deleted, so an empty queue never hides work that moved on to the next one. Several app instances on
/// one account drain together. A poison message fails at once: the stage failed for good and the queues will never
/// tell us more. Timers and HTTP requests are the test's own doing: await them before draining.
/// </remarks>
internal static class PipelineDrain
{
    /// <summary>Generous: a drain that takes longer is a stuck pipeline, and the test fails saying what is left.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static Task UntilIdleAsync(TestApp app, TimeSpan? limit = null) => UntilIdleAsync(app.Storage, limit);

    public static async Task UntilIdleAsync(string storage, TimeSpan? limit = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (limit ?? DefaultLimit);
        var queues = QueueNames.All.Select(name => new QueueClient(storage, name)).ToList();
        var poisonQueues = QueueNames.All.Select(name => new QueueClient(storage, PoisonQueue.NameFor(name))).ToList();
        var mail = new TableClient(storage, TableNames.Mail);
        var leads = new TableClient(storage, TableNames.Leads);
        int quietReads = 0;
        string busy = "";
        while (true)
        {
            foreach (var poison in poisonQueues)
            {
                int poisoned = await CountAsync(poison);
                Assert.True(poisoned == 0, $"{poison.Name} holds {poisoned} message(s): a stage failed for good, the pipeline can't drain");
            }

            var waiting = new List<string>();
            foreach (var queue in queues)
            {
                int count = await CountAsync(queue);
                if (count > 0) waiting.Add($"{queue.Name}: {count} message(s)");
            }
            int claims = await CountSendingClaimsAsync(mail) + await CountSendingClaimsAsync(leads);
            if (claims > 0) waiting.Add($"{claims} mail(s) being sent");

            if (waiting.Count == 0)
            {
                if (++quietReads == 2) return;
            }
            else
            {
                quietReads = 0;
                busy = string.Join(", ", waiting);
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The pipeline did not drain within {limit ?? DefaultLimit}: {busy}.");
            }
            await Task.Delay(Poll);
        }
    }

    private static async Task<int> CountAsync(QueueClient queue)
    {
        var properties = await queue.GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }

    /// <summary>Outbox rows being sent: topic mails in <c>Mail</c>, lead mails in their lead's partition of <c>Leads</c>.</summary>
    private static async Task<int> CountSendingClaimsAsync(TableClient mail)
    {
        int n = 0;
        try
        {
            await foreach (var _ in mail.QueryAsync<TableEntity>(filter: TableClient.CreateQueryFilter($"State eq {"sending"}"), select: ["PartitionKey"])) n++;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0; // no table yet: nothing was ever sent
        }
        return n;
    }
}
