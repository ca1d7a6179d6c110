using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// What <see cref="ScreeningStage"/> needs besides the lead, loaded by the Functions layer before it decides: the
/// screening context with the burst counts of the lead's contact and client, the contact's earlier leads that a
/// commercial lead may touch, the three team mailboxes, and who released the lead (for its feedback example).
/// </summary>
public sealed record ScreeningFacts
{
    /// <summary>Rules, model, lists and the recent submissions counted for this lead's contact keys.</summary>
    public required ScreeningContext Context { get; init; }

    /// <summary>Earlier leads of the same contact in the touch window, newest first (a handful at most).</summary>
    public IReadOnlyList<Lead> EarlierContactLeads { get; init; } = [];

    public required RoutedMailbox ServiceMailbox { get; init; }

    /// <summary>The contact is on the suppression list (an earlier erasure): the lead is marked, no nurture or marketing.</summary>
    public bool MarketingSuppressed { get; init; }
    public required RoutedMailbox HrMailbox { get; init; }
    public required RoutedMailbox MarketingMailbox { get; init; }

    /// <summary>
    /// Whether the lead is recorded under its client fingerprint too. Only client-burst counting reads those rows, so
    /// with it off (<c>Screening:CountClientBursts=false</c>) the row would be a write per lead that nothing reads.
    /// </summary>
    public bool RecordClientKey { get; init; } = true;

    /// <summary>Who released the lead from quarantine or review (the last <c>released</c> event), for its ham example.</summary>
    public string ReleasedBy { get; init; } = "admin";

    /// <summary>When it was released; null when no <c>released</c> event was found (the decision time is used).</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>The notice the acknowledgement mail carries; null when email leads are not acknowledged.</summary>
    public Privacy.AcknowledgementNotice? Acknowledgement { get; init; }

    public RoutedMailbox MailboxFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Service => ServiceMailbox,
        LeadIntent.Hr => HrMailbox,
        _ => MarketingMailbox,
    };
}
