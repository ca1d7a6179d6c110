using System.Collections.Concurrent;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Screening;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>The pipeline queues in memory: every message kept in order; <see cref="FailNext"/> makes the next put throw.</summary>
internal sealed class InMemoryPipelineQueue : IPipelineQueue
{
    private int _failures;

    public ConcurrentQueue<(PipelineQueue Queue, LeadId Lead)> Messages { get; } = new();

    public int Depth { get; set; }

    public void FailNext(int times = 1) => _failures = times;

    public IReadOnlyList<LeadId> On(PipelineQueue queue) => Messages.Where(m => m.Queue == queue).Select(m => m.Lead).ToList();

    public Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken)
    {
        if (_failures > 0)
        {
            _failures--;
            throw new IOException("queue unavailable (test)");
        }
        Messages.Enqueue((queue, id));
        return Task.CompletedTask;
    }

    public Task<int> ApproximateDepthAsync(PipelineQueue queue, CancellationToken cancellationToken) => Task.FromResult(Depth);
}

/// <summary>
/// The sent-once outbox in memory: one row per lead (or topic) and purpose, pending → sending → sent, as the table's.
/// A row left <c>sending</c> (a claim whose sent mark was lost) makes a later send throw
/// <see cref="MailSendInProgressException"/>, as the real outbox does until the claim expires. Rows that ride on a
/// lead's save arrive through <see cref="Apply"/>. <see cref="Deliveries"/> counts every mail that left, repeats included.
/// </summary>
internal sealed class InMemoryMailOutbox : IMailOutbox
{
    private readonly ConcurrentDictionary<(string Key, string Purpose), OutgoingMail> _sent = new();
    private readonly ConcurrentDictionary<(string Key, string Purpose), MailSendState> _rows = new();
    private int _failures;

    public IReadOnlyList<OutgoingMail> Sent => _sent.Values.ToList();

    /// <summary>Every mail that left, in order, repeats included.</summary>
    public ConcurrentQueue<OutgoingMail> Deliveries { get; } = new();

    /// <summary>How many times a send was attempted, repeats included.</summary>
    public int Attempts { get; private set; }

    public void FailNext(int times = 1) => _failures = times;

    public MailSendState? StateOf(LeadId lead, string purpose) => _rows.TryGetValue((lead.Value, purpose), out var state) ? state : null;

    public IReadOnlyList<OutgoingMail> SentAbout(LeadId lead) => _sent.Where(p => p.Key.Key == lead.Value).Select(p => p.Value).ToList();

    public Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken) => SendOnceAsync(leadId.Value, mail, cancellationToken);

    public Task<bool> SendOnceAsync(string topic, OutgoingMail mail, CancellationToken cancellationToken)
    {
        Attempts++;
        var key = (topic, mail.Purpose);
        switch (_rows.GetValueOrDefault(key, MailSendState.Pending))
        {
            case MailSendState.Sent:
                return Task.FromResult(false);
            case MailSendState.Sending:
                throw new MailSendInProgressException(topic, mail.Purpose);
        }
        Deliver(topic, mail);
        _rows[key] = MailSendState.Sent;
        return Task.FromResult(true);
    }

    public Task<bool> WasSentAsync(string topic, string purpose, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault((topic, purpose)) == MailSendState.Sent);

    public LeadMailRow.Claimed ClaimWithSave(LeadId leadId, OutgoingMail mail) =>
        new(mail.Purpose, mail.To.Address, MailClaim.MessageIdOf(leadId.Value, mail.Purpose), DateTimeOffset.UnixEpoch, "test");

    public Task<LeadMailRow.Sent> SendClaimedAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken)
    {
        Attempts++;
        try
        {
            Deliver(leadId.Value, mail);
        }
        catch (IOException)
        {
            _rows[(leadId.Value, mail.Purpose)] = MailSendState.Pending; // released, as the table's outbox does
            throw;
        }
        return Task.FromResult(new LeadMailRow.Sent(mail.Purpose, DateTimeOffset.UnixEpoch, "250 OK (test)"));
    }

    public Task RecordSentAsync(LeadId leadId, IReadOnlyList<LeadMailRow.Sent> sent, CancellationToken cancellationToken)
    {
        RecordedApart += sent.Count;
        foreach (var mark in sent) _rows[(leadId.Value, mark.Purpose)] = MailSendState.Sent;
        return Task.CompletedTask;
    }

    /// <summary>How many sent marks were written on their own rather than riding on a save.</summary>
    public int RecordedApart { get; private set; }

    /// <summary>The rows a lead's save carried, applied as the table applies its transaction.</summary>
    public void Apply(LeadId lead, IReadOnlyList<LeadMailRow> rows)
    {
        foreach (var row in rows)
        {
            _rows[(lead.Value, row.Purpose)] = row is LeadMailRow.Sent ? MailSendState.Sent : MailSendState.Sending;
        }
    }

    private void Deliver(string key, OutgoingMail mail)
    {
        if (_failures > 0)
        {
            _failures--;
            throw new IOException("SMTP unavailable (test)");
        }
        Deliveries.Enqueue(mail);
        _sent[(key, mail.Purpose)] = mail;
    }
}

internal sealed class InMemoryReviewQueue : IReviewQueue
{
    private readonly ConcurrentDictionary<LeadId, DateTimeOffset> _held = new();

    public Task AddAsync(LeadId id, DateTimeOffset heldAt, CancellationToken cancellationToken)
    {
        _held.TryAdd(id, heldAt);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(LeadId id, CancellationToken cancellationToken)
    {
        _held.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeadId>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LeadId>>(_held.OrderBy(p => p.Value).Select(p => p.Key).ToList());
}

internal sealed class InMemoryContactIndex : IContactIndex
{
    private readonly ConcurrentDictionary<string, HashSet<LeadId>> _keys = new(StringComparer.Ordinal);

    public Task RecordAsync(LeadId leadId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            var ids = _keys.GetOrAdd(key, _ => []);
            lock (ids) ids.Add(leadId);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeadId>> FindSinceAsync(string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(key, out var ids)) return Task.FromResult<IReadOnlyList<LeadId>>([]);
        lock (ids) return Task.FromResult<IReadOnlyList<LeadId>>(ids.Where(i => i.Timestamp >= since).OrderBy(i => i.Value, StringComparer.Ordinal).ToList());
    }
}

internal sealed class InMemoryScreeningFeedback : IScreeningFeedback
{
    private readonly ConcurrentDictionary<LeadId, FeedbackExample> _examples = new();

    public IReadOnlyList<FeedbackExample> Examples => _examples.Values.ToList();

    public Task<bool> RecordAsync(FeedbackExample example, CancellationToken cancellationToken)
    {
        if (_examples.TryGetValue(example.LeadId, out var existing) && existing.Label == example.Label && existing.Source == example.Source) return Task.FromResult(false);
        _examples[example.LeadId] = example;
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<FeedbackExample> ListAsync(DateOnly fromMonth, DateOnly toMonth, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var example in _examples.Values)
        {
            await Task.Yield();
            yield return example;
        }
    }
}

internal sealed class InMemoryAccountOwners : IAccountOwners
{
    public ConcurrentDictionary<LeadId, string> Recorded { get; } = new();

    public Task<AccountOwner?> FindAsync(Lead lead, CancellationToken cancellationToken) => Task.FromResult<AccountOwner?>(null);

    public Task RecordAsync(Lead lead, string repEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Recorded[lead.Id] = repEmail;
        return Task.CompletedTask;
    }
}
