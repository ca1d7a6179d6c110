using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Reporting;

/// <summary>The API's view of a lead (contract: issue "Foundation", <c>GET /api/leads/{id}</c>).</summary>
internal sealed record LeadView(
    string Id,
    string Status,
    string? Intent,
    string Channel,
    string Provider,
    string? ProviderEventId,
    DateTimeOffset CapturedAt,
    Contact Contact,
    string? Subject,
    string? Message,
    SourceAttribution Source,
    ConsentRecord? Consent,
    AntiBotSignals Signals,
    IReadOnlyDictionary<string, string> ExtraFields,
    ScreeningDecision? Screening,
    string? AssignedRep,
    RepAssignment? Assignment,
    DateTimeOffset? RepNotifiedAt,
    IReadOnlyDictionary<string, DateTimeOffset> StageTimes,
    IReadOnlyList<LeadEvent> Events)
{
    /// <summary>The contact as the sender typed it, when screening normalised it into <see cref="Contact"/>.</summary>
    public Contact? OriginalContact { get; init; }
    /// <summary>The open lead this one was attached to as a touch (it was not dispatched).</summary>
    public string? AttachedTo { get; init; }
    /// <summary>Later leads of the same contact attached to this one as touches.</summary>
    public IReadOnlyList<string> Touches { get; init; } = [];
    public bool ReleasedFromQuarantine { get; init; }
    public string? LostReason { get; init; }
    /// <summary>The rep's BANT answers as recorded (budget amount or range with currency), with what is still missing.</summary>
    public BantRecord? Bant { get; init; }
    /// <summary>The rep's disqualification: reason, note, who and when.</summary>
    public Disqualification? Disqualification { get; init; }
    /// <summary>Why the lead last went to nurture.</summary>
    public string? NurtureReason { get; init; }
    /// <summary>The acceptance SLA: team, start, deadline, reminder, acceptance, reassignments.</summary>
    public LeadSlaView? Sla { get; init; }
    public DateTimeOffset? LastProgressAt { get; init; }
    /// <summary>The won deal's value as the rep entered it (revenue KPIs).</summary>
    public DealAmount? WonAmount { get; init; }
    public string? LostToCompetitor { get; init; }
    /// <summary>Purposes with basis and evidence, provenance and notice given (docs/privacy.md); provenance only for older leads.</summary>
    public LeadIntake.Core.Privacy.LeadPrivacy? Privacy { get; init; }

    public static LeadView From(Lead lead, IReadOnlyList<LeadEvent> events) => new(
        lead.Id.Value,
        WireNames.Of(lead.Status),
        lead.Intent is { } intent ? WireNames.Of(intent) : null,
        WireNames.Of(lead.Channel),
        lead.Provider,
        lead.Captured.ProviderEventId,
        lead.CapturedAt,
        lead.Contact,
        lead.Captured.Subject,
        lead.Captured.Message,
        lead.Captured.Source,
        lead.Captured.Consent,
        lead.Captured.Signals,
        lead.Captured.ExtraFields,
        lead.Screening,
        lead.Assignment?.RepEmail,
        lead.Assignment,
        lead.RepNotifiedAt,
        lead.StageTimes.ToDictionary(p => WireNames.Of(p.Key), p => p.Value),
        events)
    {
        OriginalContact = lead.OriginalContact,
        Privacy = LeadIntake.Core.Privacy.LeadPrivacyStamp.Of(lead),
        AttachedTo = lead.AttachedTo?.Value,
        Touches = lead.Touches,
        ReleasedFromQuarantine = lead.ReleasedFromQuarantine,
        LostReason = lead.LostReason is { } lost ? WireNames.Of(lost) : null,
        Bant = lead.Bant,
        Disqualification = lead.Disqualification,
        NurtureReason = lead.NurtureReason is { } nurture ? WireNames.Of(nurture) : null,
        Sla = lead.AssignedTeam is null && lead.Assignment is null ? null : new LeadSlaView(
            lead.AssignedTeam, lead.SlaStartedAt, lead.SlaDueAt, lead.RemindedAt, lead.RepAcceptedAt, lead.ReassignmentCount, lead.PreviousAssignees),
        LastProgressAt = lead.LastProgressAt,
        WonAmount = lead.WonAmount,
        LostToCompetitor = lead.LostToCompetitor,
    };
}
