using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>
/// The lead store in memory, for the fast stage tests: ETags are version counters, and a save against an old version
/// throws <see cref="LeadChangedConcurrentlyException"/> as the table does (412). <see cref="BeforeNextSave"/> lets a
/// test slip another writer's change in just before a stage saves.
/// </summary>
internal sealed class InMemoryLeadStore : ILeadStore
{
    private readonly ConcurrentDictionary<LeadId, (Lead Lead, int Version)> _leads = new();
    private readonly ConcurrentDictionary<LeadId, List<LeadEvent>> _events = new();
    private readonly Queue<Action<InMemoryLeadStore>> _beforeSaves = new();

    public int Saves { get; private set; }

    /// <summary>Every lead save as the table would get it: the outbox rows that rode on it, by lead, in order.</summary>
    public ConcurrentQueue<(LeadId Lead, LeadStatus Status, IReadOnlyList<LeadMailRow> Mail)> SavedWith { get; } = new();

    /// <summary>The outbox whose rows live in the leads' partitions: a save hands it the rows it carried.</summary>
    public InMemoryMailOutbox? Outbox { get; set; }

    private int _saveFailures;

    /// <summary>The next <paramref name="times"/> saves fail as the table does when it is unavailable.</summary>
    public void FailNextSaves(int times = 1) => _saveFailures = times;
    public int ConcurrentRefusals { get; private set; }

    /// <summary>Runs <paramref name="change"/> right before the next <see cref="SaveAsync"/> compares versions.</summary>
    public void BeforeNextSave(Action<InMemoryLeadStore> change) => _beforeSaves.Enqueue(change);

    public void Put(Lead lead, params LeadEvent[] events)
    {
        _leads[lead.Id] = (lead, _leads.TryGetValue(lead.Id, out var current) ? current.Version + 1 : 1);
        _events.GetOrAdd(lead.Id, _ => []).AddRange(events);
    }

    public Lead Get(LeadId id) => _leads[id].Lead;

    public IReadOnlyList<LeadEvent> Events(LeadId id) => _events.TryGetValue(id, out var events) ? events.ToList() : [];

    public Task<bool> TryCreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken)
    {
        if (!_leads.TryAdd(lead.Id, (lead, 1))) return Task.FromResult(false);
        _events.GetOrAdd(lead.Id, _ => []).Add(firstEvent);
        return Task.FromResult(true);
    }

    public Task<StoredLead?> FindAsync(LeadId id, CancellationToken cancellationToken) =>
        Task.FromResult(_leads.TryGetValue(id, out var found) ? new StoredLead(found.Lead, Tag(found.Version)) : null);

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken) =>
        SaveAsync(current, updated, events, [], cancellationToken);

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, IReadOnlyList<LeadMailRow> mail, CancellationToken cancellationToken)
    {
        if (_saveFailures > 0)
        {
            _saveFailures--;
            throw new IOException("table unavailable (test)");
        }
        if (_beforeSaves.TryDequeue(out var interloper)) interloper(this);
        if (!_leads.TryGetValue(updated.Id, out var found) || Tag(found.Version) != current.ETag)
        {
            ConcurrentRefusals++;
            throw new LeadChangedConcurrentlyException(updated.Id);
        }
        Saves++;
        _leads[updated.Id] = (updated, found.Version + 1);
        var log = _events.GetOrAdd(updated.Id, _ => []);
        if (updated.Purged is not null && current.Lead.Purged is null)
        {
            for (int i = 0; i < log.Count; i++) log[i] = Core.Privacy.LeadRedaction.Redact(log[i]);
        }
        log.AddRange(events);
        SavedWith.Enqueue((updated.Id, updated.Status, mail));
        Outbox?.Apply(updated.Id, mail);
        return Task.FromResult(new StoredLead(updated, Tag(found.Version + 1)));
    }

    public Task<IReadOnlyList<LeadEvent>> GetEventsAsync(LeadId id, CancellationToken cancellationToken) => Task.FromResult(Events(id));

    public async IAsyncEnumerable<StoredLead> FindInStatusAsync(LeadStatus status, DateTimeOffset from, DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (lead, version) in _leads.Values.Where(l => l.Lead.Status == status && l.Lead.CapturedAt >= from && l.Lead.CapturedAt < before).ToList())
        {
            await Task.Yield();
            yield return new StoredLead(lead, Tag(version));
        }
    }

    private static string Tag(int version) => $"W/\"{version}\"";
}
