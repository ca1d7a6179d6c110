using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// The screening stage as the <see cref="StageRunner"/> runs it: loads the facts the pure decider
/// (<see cref="ScreeningStage"/>) needs — the screening context with the contact's and client's recent submissions,
/// the contact's earlier leads a commercial lead may touch, the team mailboxes with their return-to-sales links, who
/// released the lead — and lets the runner save the decision and take its next steps (contact keys recorded, dispatch
/// queued, routed mail sent once, review queue, touch on the known contact's lead, feedback example). A redelivery
/// that finds the lead screened gets the same steps again; each is idempotent.
/// </summary>
internal sealed partial class ScreenLeadHandler(
    ILeadStore store,
    IContactIndex contacts,
    StageRunner runner,
    ScreeningDecider screen,
    MailboxLinks mailboxLinks,
    ScreeningContextSource contextSource,
    IOptionsMonitor<ScreeningOptions> options,
    IOptionsMonitor<Privacy.PrivacyOptions> privacy,
    TimeProvider time,
    ILogger<ScreenLeadHandler> logger,
    Core.Privacy.ISuppressionList? suppressions = null) : ILeadStage<ScreeningFacts>
{
    private const int MaxTouchCandidates = 5;

    public string Name => "screening";

    public async Task HandleAsync(LeadId id, CancellationToken cancellationToken)
    {
        if (await runner.RunAsync(id, this, cancellationToken).ConfigureAwait(false) is LeadChange.Applied { Lead.Screening: { } decision } applied)
        {
            LeadIntakeTelemetry.LeadScreened(WireNames.Of(decision.Intent));
            LogScreened(logger, id.Value, decision.Intent, applied.Lead.Status, decision.Reasons.Count);
        }
    }

    public StageDecision Decide(Lead lead, ScreeningFacts facts, DateTimeOffset now) => ScreeningStage.Decide(lead, facts, screen.Invoke, now);

    public async Task<ScreeningFacts> LoadFactsAsync(Lead lead, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var context = contextSource.Current();
        var facts = new ScreeningFacts
        {
            Context = context,
            ServiceMailbox = Mailbox(lead.Id, settings.ServiceMailbox),
            HrMailbox = Mailbox(lead.Id, settings.HrMailbox),
            MarketingMailbox = Mailbox(lead.Id, settings.MarketingMailbox),
            Acknowledgement = privacy.CurrentValue is { AcknowledgeEmailLeads: true } p ? new AcknowledgementNotice(p.ToPolicy().NoticeUrl, p.ToPolicy().NoticeVersion) : null,
            RecordClientKey = settings.CountClientBursts,
        };
        if (lead.ReleasedFromQuarantine)
        {
            var released = (await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false)).LastOrDefault(e => e.Type == LeadEventType.Released);
            facts = facts with { ReleasedBy = released?.Actor ?? ReleaseLead.Actor, ReleasedAt = released?.At };
        }
        if (lead.Status != LeadStatus.Captured) return facts;

        // A first, pure pass gives the normalised contact, whose keys find the contact's history; the decider then
        // screens with the burst counts.
        var now = time.GetUtcNow();
        var contact = screen(lead, context, now).Contact ?? lead.Contact;
        var history = await ContactHistoryAsync(lead.Id, ContactKeys.For(contact, lead.Captured.Signals), settings, cancellationToken).ConfigureAwait(false);
        facts = facts with
        {
            MarketingSuppressed = suppressions is not null && await suppressions.IsSuppressedAsync(contact, cancellationToken).ConfigureAwait(false),
            Context = context with
            {
                RecentSubmissionsFromContact = history.FromContact,
                RecentSubmissionsFromClient = history.FromClient,
            },
        };
        // Only a lead that becomes an MQL can touch an earlier one: the candidates cost a read each, so spam bursts and
        // routed requests don't pay for them.
        if (history.EarlierContactLeads.Count == 0 || !MayBecomeMql(lead, screen(lead, facts.Context, now))) return facts;
        return facts with { EarlierContactLeads = await LoadLeadsAsync(history.EarlierContactLeads.Take(MaxTouchCandidates), cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>The decider's own rule: a released lead is never held for review again, its intent decides.</summary>
    private static bool MayBecomeMql(Lead lead, ScreeningOutcome outcome) =>
        outcome.Trigger == LeadTrigger.MarkMql
        || (lead.ReleasedFromQuarantine && outcome.Trigger == LeadTrigger.HoldForReview && outcome.Decision.Intent is not (LeadIntent.Service or LeadIntent.Hr or LeadIntent.Other));

    private RoutedMailbox Mailbox(LeadId id, string address) => new(address, mailboxLinks.For(id, address, RepAction.ReturnToSales));

    /// <summary>
    /// Earlier leads of the same contact (email or phone) and client in the windows, this lead excluded. Windows are
    /// measured back from this lead's capture time, so a retry or a late sweep counts the same leads.
    /// </summary>
    private async Task<ContactHistory> ContactHistoryAsync(LeadId self, ContactKeySet keys, ScreeningOptions settings, CancellationToken cancellationToken)
    {
        var capturedAt = self.Timestamp;
        var burstFrom = capturedAt - settings.BurstWindow;
        var touchFrom = capturedAt - settings.TouchWindow;
        var since = burstFrom < touchFrom ? burstFrom : touchFrom;
        // One range query per key, each in its own partition: run together, they cost one round trip of latency.
        var contactQueries = keys.Contact.Select(key => contacts.FindSinceAsync(key, since, cancellationToken)).ToList();
        var clientQuery = keys.Client is { } client && settings.CountClientBursts
            ? contacts.FindSinceAsync(client, burstFrom, cancellationToken)
            : Task.FromResult<IReadOnlyList<LeadId>>([]);
        await Task.WhenAll([.. contactQueries, clientQuery]).ConfigureAwait(false);
        var earlier = contactQueries.SelectMany(query => query.Result).Where(id => string.CompareOrdinal(id.Value, self.Value) < 0).ToHashSet();
        int fromClient = (await clientQuery.ConfigureAwait(false)).Count(id => string.CompareOrdinal(id.Value, self.Value) < 0);
        return new ContactHistory(
            earlier.Count(id => id.Timestamp >= burstFrom),
            fromClient,
            earlier.Where(id => id.Timestamp >= touchFrom).OrderByDescending(id => id.Value, StringComparer.Ordinal).ToList());
    }

    private async Task<IReadOnlyList<Lead>> LoadLeadsAsync(IEnumerable<LeadId> ids, CancellationToken cancellationToken)
    {
        var leads = new List<Lead>();
        foreach (var id in ids)
        {
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } found) leads.Add(found.Lead);
        }
        return leads;
    }

    private sealed record ContactHistory(int FromContact, int FromClient, IReadOnlyList<LeadId> EarlierContactLeads);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Lead {LeadId} screened: {Intent} → {Status} ({ReasonCount} reasons)")]
    private static partial void LogScreened(ILogger logger, string leadId, LeadIntent intent, LeadStatus status, int reasonCount);
}
