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

/// <summary>The sent-once outbox in memory: one mail per lead (or topic) and purpose; a repeat returns false.</summary>
internal sealed class InMemoryMailOutbox : IMailOutbox
{
    private readonly ConcurrentDictionary<(string Key, string Purpose), OutgoingMail> _sent = new();
    private int _failures;

    public IReadOnlyList<OutgoingMail> Sent => _sent.Values.ToList();

    /// <summary>How many times a send was attempted, repeats included.</summary>
    public int Attempts { get; private set; }

    public void FailNext(int times = 1) => _failures = times;

    public IReadOnlyList<OutgoingMail> SentAbout(LeadId lead) => _sent.Where(p => p.Key.Key == lead.Value).Select(p => p.Value).ToList();

    public Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken) => SendOnceAsync(leadId.Value, mail, cancellationToken);

    public Task<bool> SendOnceAsync(string topic, OutgoingMail mail, CancellationToken cancellationToken)
    {
        Attempts++;
        if (_failures > 0)
        {
            _failures--;
            throw new IOException("SMTP unavailable (test)");
        }
        return Task.FromResult(_sent.TryAdd((topic, mail.Purpose), mail));
    }

    public Task<bool> WasSentAsync(string topic, string purpose, CancellationToken cancellationToken) => Task.FromResult(_sent.ContainsKey((topic, purpose)));
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
