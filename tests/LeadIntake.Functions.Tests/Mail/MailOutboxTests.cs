using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Functions.Mail;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadIntake.Functions.Tests.Mail;

/// <summary>
/// The outbox against real Azurite and a real SMTP server (maildev). Each "instance" is its own outbox with its own
/// storage clients on one shared account, as two app instances would be. Crashes are modelled by stopping a run at
/// the step in question: after its claim, or with the "sent" mark failing in the storage pipeline.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MailOutboxTests
{
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Overlapping_runs_of_one_lead_send_its_mail_exactly_once()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var senders = new List<CountingMailSender>();
        var outboxes = new List<TableMailOutbox>();
        for (int i = 0; i < 2; i++)
        {
            // slow enough that every run starts while the first is still talking to the server
            var sender = new CountingMailSender(await SmtpAsync()) { Delay = TimeSpan.FromMilliseconds(300) };
            senders.Add(sender);
            outboxes.Add(await OutboxAsync(storage, clock, sender, inProgressWait: TimeSpan.FromSeconds(5)));
        }
        var id = LeadId.New(clock.GetUtcNow());

        var runs = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                return await outboxes[i % 2].SendOnceAsync(id, mail, CancellationToken.None) ? "sent" : "already sent";
            }
            catch (MailSendInProgressException)
            {
                return "in progress";
            }
        });
        var outcomes = await Task.WhenAll(runs);

        Assert.Single(outcomes, o => o == "sent");
        Assert.Equal(1, senders.Sum(s => s.Calls));
        Assert.Single(await MailsAsync(to));
        Assert.Equal("sent", (await RowAsync(storage, id)).GetString("State"));
    }

    [Fact]
    public async Task A_run_that_crashed_after_its_claim_is_recovered_after_the_claim_timeout_with_exactly_one_mail()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var crashed = await OutboxAsync(storage, clock, new CountingMailSender(await SmtpAsync()));
        var survivor = await OutboxAsync(storage, clock, new CountingMailSender(await SmtpAsync()));
        var id = LeadId.New(clock.GetUtcNow());

        // The first instance claims the mail and dies before it reaches the SMTP server.
        var claim = await crashed.TryClaimAsync(id, mail, CancellationToken.None);
        Assert.Equal(TableMailOutbox.ClaimOutcome.Claimed, claim.Outcome);

        // While the claim is fresh the other instance must not send: the first might still be alive.
        await Assert.ThrowsAsync<MailSendInProgressException>(() => survivor.SendOnceAsync(id, mail, CancellationToken.None));
        Assert.Empty(await MailsAsync(to));

        clock.Advance(ClaimTimeout);
        Assert.True(await survivor.SendOnceAsync(id, mail, CancellationToken.None));
        Assert.False(await survivor.SendOnceAsync(id, mail, CancellationToken.None));

        Assert.Single(await MailsAsync(to));
        var row = await RowAsync(storage, id);
        Assert.Equal("sent", row.GetString("State"));
        Assert.Equal(2, row.GetInt32("Attempt"));
        Assert.False(string.IsNullOrEmpty(row.GetString("ServerAnswer"))); // the SMTP reply, kept with the row
    }

    [Fact]
    public async Task A_run_that_finds_a_crashed_claim_waits_for_it_to_expire_and_recovers_the_mail_in_the_same_call()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var crashed = await OutboxAsync(storage, clock, new CountingMailSender(await SmtpAsync()));
        var sender = new CountingMailSender(await SmtpAsync());
        // Waiting longer than the claim lives: one queue delivery settles the mail, no dequeue attempt is spent.
        var survivor = await OutboxAsync(storage, clock, sender, inProgressWait: TimeSpan.FromSeconds(20), claimTimeout: TimeSpan.FromSeconds(1));
        var id = LeadId.New(clock.GetUtcNow());
        Assert.Equal(TableMailOutbox.ClaimOutcome.Claimed, (await crashed.TryClaimAsync(id, mail, CancellationToken.None)).Outcome);

        Assert.True(await survivor.SendOnceAsync(id, mail, CancellationToken.None));

        Assert.Equal(1, sender.Calls);
        Assert.Single(await MailsAsync(to));
    }

    [Fact]
    public async Task A_crash_after_smtp_accepted_but_before_the_sent_mark_costs_at_most_one_duplicate_with_the_same_message_id()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var fault = new FailSentMarkPolicy();
        var crashed = await OutboxAsync(storage, clock, new CountingMailSender(await SmtpAsync()), fault);
        var survivor = await OutboxAsync(storage, clock, new CountingMailSender(await SmtpAsync()));
        var id = LeadId.New(clock.GetUtcNow());

        await Assert.ThrowsAsync<IOException>(() => crashed.SendOnceAsync(id, mail, CancellationToken.None));
        Assert.Equal(1, fault.Failed);
        Assert.Single(await MailsAsync(to));
        Assert.Equal("sending", (await RowAsync(storage, id)).GetString("State"));

        await Assert.ThrowsAsync<MailSendInProgressException>(() => survivor.SendOnceAsync(id, mail, CancellationToken.None));
        clock.Advance(ClaimTimeout);
        // An SMTP server can't be asked whether it has the mail: it is sent again, with the same Message-Id.
        Assert.True(await survivor.SendOnceAsync(id, mail, CancellationToken.None));
        Assert.False(await survivor.SendOnceAsync(id, mail, CancellationToken.None));

        var mails = await MailsAsync(to);
        Assert.Equal(2, mails.Count); // the one duplicate this crash may cost, and no more
        Assert.Single(mails.Select(m => m.MessageId).Distinct());
        Assert.Equal(MailClaim.MessageIdOf(id.Value, mail.Purpose), mails[0].MessageId);
    }

    [Fact]
    public async Task With_the_pickup_folder_a_crash_before_the_sent_mark_costs_no_duplicate()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (_, mail) = NewMail();
        var folder = Directory.CreateTempSubdirectory("leadintake-pickup-").FullName;
        try
        {
            var pickup = Options.Create(new MailOptions { PickupDirectory = folder });
            var crashedSender = new CountingMailSender(new PickupDirectoryMailSender(pickup));
            var survivorSender = new CountingMailSender(new PickupDirectoryMailSender(pickup));
            var crashed = await OutboxAsync(storage, clock, crashedSender, new FailSentMarkPolicy());
            var survivor = await OutboxAsync(storage, clock, survivorSender);
            var id = LeadId.New(clock.GetUtcNow());

            await Assert.ThrowsAsync<IOException>(() => crashed.SendOnceAsync(id, mail, CancellationToken.None));
            clock.Advance(ClaimTimeout);
            // The .eml named after the Message-Id is there: recorded as sent, not written again.
            Assert.False(await survivor.SendOnceAsync(id, mail, CancellationToken.None));

            Assert.Equal(1, crashedSender.Calls);
            Assert.Equal(0, survivorSender.Calls);
            Assert.Single(Directory.GetFiles(folder, "*.eml"));
            Assert.Equal("sent", (await RowAsync(storage, id)).GetString("State"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_pending_row_left_by_an_older_version_is_sent_once()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var sender = new CountingMailSender(await SmtpAsync());
        var outbox = await OutboxAsync(storage, clock, sender);
        var id = LeadId.New(clock.GetUtcNow());
        // What the previous outbox wrote before sending: no claim, no Message-Id column.
        await new TableClient(storage, TableNames.Mail).AddEntityAsync(new TableEntity(id.Value, mail.Purpose) { ["State"] = "pending", ["To"] = to });

        var first = outbox.SendOnceAsync(id, mail, CancellationToken.None);
        var second = outbox.SendOnceAsync(id, mail, CancellationToken.None);
        var results = await Task.WhenAll(Guard(first), Guard(second));

        Assert.Single(results, r => r == true);
        Assert.Equal(1, sender.Calls);
        Assert.Single(await MailsAsync(to));
        Assert.False(await outbox.SendOnceAsync(id, mail, CancellationToken.None));
    }

    [Fact]
    public async Task A_lead_mail_an_earlier_version_marked_sent_in_the_mail_table_is_not_sent_again()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var sender = new CountingMailSender(await SmtpAsync());
        var outbox = await OutboxAsync(storage, clock, sender);
        var id = LeadId.New(clock.GetUtcNow());
        await new TableClient(storage, TableNames.Mail).AddEntityAsync(new TableEntity(id.Value, mail.Purpose) { ["State"] = "sent", ["To"] = to, ["Attempt"] = 1 });

        Assert.False(await outbox.SendOnceAsync(id, mail, CancellationToken.None));

        Assert.Equal(0, sender.Calls);
        Assert.Equal("sent", (await RowAsync(storage, id)).GetString("State"));
    }

    [Fact]
    public async Task The_rows_of_a_lead_are_found_in_its_partition_and_in_the_mail_table()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var outbox = await OutboxAsync(storage, clock, new CountingMailSender(await SmtpAsync()));
        var id = LeadId.New(clock.GetUtcNow());
        var other = LeadId.New(clock.GetUtcNow());
        await new TableClient(storage, TableNames.Mail).AddEntityAsync(new TableEntity(id.Value, "sla-reminder") { ["State"] = "sent", ["To"] = to });
        Assert.True(await outbox.SendOnceAsync(id, mail, CancellationToken.None));
        Assert.True(await outbox.SendOnceAsync(other, mail, CancellationToken.None));

        var rows = await outbox.ReadRowsOfLeadAsync(id, ["RowKey"], CancellationToken.None).Select(r => r.Where.Table.Name).ToListAsync();
        Assert.Equal([TableNames.Leads, TableNames.Mail], rows);
        Assert.Single(await outbox.ReadRowsOfLeadAsync(other, ["RowKey"], CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_send_the_server_refused_frees_the_mail_for_the_next_run_at_once()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var clock = new ShiftedTimeProvider();
        var (to, mail) = NewMail();
        var sender = new CountingMailSender(await SmtpAsync()) { FailFirst = 1 };
        var outbox = await OutboxAsync(storage, clock, sender);
        var id = LeadId.New(clock.GetUtcNow());

        await Assert.ThrowsAsync<IOException>(() => outbox.SendOnceAsync(id, mail, CancellationToken.None));
        Assert.Equal("pending", (await RowAsync(storage, id)).GetString("State"));
        Assert.True(await outbox.SendOnceAsync(id, mail, CancellationToken.None)); // no claim timeout to wait for

        Assert.Single(await MailsAsync(to));
    }

    private static async Task<bool?> Guard(Task<bool> run)
    {
        try
        {
            return await run;
        }
        catch (MailSendInProgressException)
        {
            return null;
        }
    }

    private static (string To, OutgoingMail Mail) NewMail()
    {
        var to = $"outbox-{Guid.NewGuid():N}@example.com";
        return (to, new OutgoingMail { Purpose = "rep-notification", To = new MailAddress(to, "Rep"), Subject = "New lead", TextBody = "A lead." });
    }

    private static async Task<SmtpMailSender> SmtpAsync() => new(await SmtpOptionsAsync());

    private static async Task<IOptions<MailOptions>> SmtpOptionsAsync()
    {
        var dev = await DevServices.GetAsync();
        return Options.Create(new MailOptions
        {
            From = "leadintake@example.com",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = dev.SmtpPort, Security = "None" },
        });
    }

    private static async Task<TableMailOutbox> OutboxAsync(
        string storage, TimeProvider clock, IMailSender sender, HttpPipelinePolicy? fault = null, TimeSpan? inProgressWait = null, TimeSpan? claimTimeout = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = storage }).Build();
        var configurer = new ClientOptionsConfigurer();
        if (fault is not null) configurer.AddPolicy(fault);
        var account = new StorageAccount(configuration, configurer);
        await account.Table(TableNames.Mail).CreateIfNotExistsAsync();
        await account.Table(TableNames.Leads).CreateIfNotExistsAsync();
        var options = await SmtpOptionsAsync();
        options.Value.ClaimTimeout = claimTimeout ?? ClaimTimeout;
        options.Value.InProgressWait = inProgressWait ?? TimeSpan.Zero;
        return new TableMailOutbox(account, sender, new MimeMessageFactory(options), options, clock, NullLogger<TableMailOutbox>.Instance);
    }

    // A lead's outbox row lives in the lead's partition of the Leads table.
    private static async Task<TableEntity> RowAsync(string storage, LeadId id) =>
        (await new TableClient(storage, TableNames.Leads).GetEntityAsync<TableEntity>(LeadPartition.For(id), LeadMailRows.RowKeyFor(id, "rep-notification"))).Value;

    // SMTP answered before SendAsync returned, so maildev holds every mail sent by then: read once, no waiting.
    private static async Task<IReadOnlyList<CaughtMail>> MailsAsync(string to)
    {
        var dev = await DevServices.GetAsync();
        using var catcher = new MailCatcher(dev.MailWebPort);
        return await catcher.ToAsync(to);
    }

    /// <summary>A real sender with a call count, an optional delay before sending and optional first failures.</summary>
    private sealed class CountingMailSender(IMailSender inner) : IMailSender
    {
        private int _calls;

        public TimeSpan Delay { get; init; }
        public int FailFirst { get; init; }
        public int Calls => Volatile.Read(ref _calls);

        public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            int call = Interlocked.Increment(ref _calls);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
            if (call <= FailFirst) throw new IOException("SMTP server unavailable (test fault).");
            return await inner.SendAsync(message, cancellationToken);
        }

        public Task<MailDeliveryCheck> CheckDeliveredAsync(string messageId, CancellationToken cancellationToken) =>
            inner.CheckDeliveredAsync(messageId, cancellationToken);
    }

    /// <summary>Storage fails exactly the write that marks a mail sent: the process "dies" between SMTP's answer and the mark.</summary>
    private sealed class FailSentMarkPolicy : HttpPipelinePolicy
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Check(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Put || message.Request.Content is not { } content) return;
            using var body = new MemoryStream();
            content.WriteTo(body, CancellationToken.None);
            if (!System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains("\"State\":\"sent\"", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref _failed);
            throw new IOException("Storage unreachable while marking the mail sent (test fault).");
        }
    }
}
