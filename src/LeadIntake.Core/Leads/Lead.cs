using System.Text.Json.Serialization;

namespace LeadIntake.Core.Leads;

/// <summary>
/// A lead as stored: what was captured, where it stands, and every decision taken on it.
/// Immutable: a stage returns a new <see cref="Lead"/> and the audit events that explain the change.
/// </summary>
public sealed record Lead
{
    public required LeadId Id { get; init; }
    public required LeadStatus Status { get; init; }
    public required CapturedLead Captured { get; init; }
    public required DateTimeOffset CapturedAt { get; init; }
    public LeadIntent? Intent { get; init; }
    public ScreeningDecision? Screening { get; init; }
    public RepAssignment? Assignment { get; init; }
    /// <summary>When the lead first entered each status (velocity between stages).</summary>
    public IReadOnlyDictionary<LeadStatus, DateTimeOffset> StageTimes { get; init; } = new Dictionary<LeadStatus, DateTimeOffset>();
    /// <summary>When the routed-lead mail reached the rep's mail server (system delay ends here).</summary>
    public DateTimeOffset? RepNotifiedAt { get; init; }

    // Dispatch and qualification (docs/dispatch.md). All optional: a lead that never reached sales has none of them.

    /// <summary>The team whose rotation chose the current rep (reassignment stays in that team).</summary>
    public string? AssignedTeam { get; init; }
    /// <summary>
    /// The rep must accept before this time, or the SLA watch reminds then reassigns. Null when no SLA runs: nobody
    /// else could take the lead, so there is no deadline to promise (docs/dispatch.md, "SLA and velocity").
    /// </summary>
    public DateTimeOffset? SlaDueAt { get; init; }
    /// <summary>
    /// When the acceptance SLA started: the assignment, or later, when another rep first became able to take the lead.
    /// Null on leads stored before this existed (their SLA started at the assignment).
    /// </summary>
    public DateTimeOffset? SlaStartedAt { get; init; }
    /// <summary>When the current rep was reminded of the SLA; cleared by a reassignment.</summary>
    public DateTimeOffset? RemindedAt { get; init; }
    /// <summary>When a rep accepted the lead (human delay ends here).</summary>
    public DateTimeOffset? RepAcceptedAt { get; init; }
    /// <summary>How many times the SLA watch (or a manager) moved the lead to another rep.</summary>
    public int ReassignmentCount { get; init; }
    /// <summary>Reps who had the lead before the current one: "next eligible rep" skips them.</summary>
    public IReadOnlyList<string> PreviousAssignees { get; init; } = [];
    public BantRecord? Bant { get; init; }
    public Disqualification? Disqualification { get; init; }
    /// <summary>Why the lead went to nurture (the last time it did).</summary>
    public NurtureReason? NurtureReason { get; init; }
    public LostReason? LostReason { get; init; }
    /// <summary>Who won the deal instead, when the rep said.</summary>
    public string? LostToCompetitor { get; init; }
    /// <summary>The won deal's value as the rep entered it.</summary>
    public DealAmount? WonAmount { get; init; }
    /// <summary>The last status change or qualification step: the recycler measures staleness from here.</summary>
    public DateTimeOffset? LastProgressAt { get; init; }

    // Screening (docs/screening.md). All optional: older rows and unscreened leads have none of them.

    /// <summary>The contact as the sender gave it, kept when screening replaced <c>Captured.Contact</c> with the normalised one.</summary>
    public Contact? OriginalContact { get; init; }
    /// <summary>An admin released the lead from quarantine: screening it again never returns the spam verdict.</summary>
    public bool ReleasedFromQuarantine { get; init; }
    /// <summary>The open lead of the same contact this lead was attached to as a new touch; this one is not dispatched.</summary>
    public LeadId? AttachedTo { get; init; }
    /// <summary>Ids of later leads from the same contact attached here as touches (attaching twice is a no-op).</summary>
    public IReadOnlyList<string> Touches { get; init; } = [];

    /// <summary>
    /// Set when the lead's personal data was removed (erasure or retention, <see cref="Privacy.LeadRedaction"/>): what
    /// is left is a skeleton of ids, stages, times and source that keeps the KPIs whole. Null for a live lead.
    /// </summary>
    public Privacy.PurgeRecord? Purged { get; init; }

    [JsonIgnore]
    public Channel Channel => Captured.Channel;
    [JsonIgnore]
    public string Provider => Captured.Provider;
    [JsonIgnore]
    public Contact Contact => Captured.Contact;

    public static (Lead Lead, LeadEvent Event) Capture(CapturedLead captured, LeadId id, DateTimeOffset now)
    {
        var lead = new Lead
        {
            Id = id,
            Status = LeadStatus.Captured,
            Captured = captured,
            CapturedAt = now,
            StageTimes = new Dictionary<LeadStatus, DateTimeOffset> { [LeadStatus.Captured] = now },
        };
        return (lead, new LeadEvent(LeadEventType.Captured, now, "intake", $"{WireNames.Of(captured.Channel)}/{captured.Provider}"));
    }

    /// <summary>The same lead in <paramref name="status"/>, with the stage time recorded the first time it gets there.</summary>
    public Lead MovedTo(LeadStatus status, DateTimeOffset now)
    {
        if (StageTimes.ContainsKey(status)) return this with { Status = status };
        var times = new Dictionary<LeadStatus, DateTimeOffset>(StageTimes) { [status] = now };
        return this with { Status = status, StageTimes = times };
    }
}
