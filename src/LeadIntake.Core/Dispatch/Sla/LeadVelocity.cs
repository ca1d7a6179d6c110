using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>
/// How fast a lead reached a human, split where responsibility changes: the system delay is ours (capture to the
/// rep's mail being sent), the human delay is sales' (mail to acceptance). Null while the step hasn't happened.
/// </summary>
public sealed record LeadVelocity(TimeSpan? SystemDelay, TimeSpan? HumanDelay, TimeSpan? CaptureToAccept)
{
    /// <remarks>
    /// <see cref="Lead.RepNotifiedAt"/> is the first rep mail: after a reassignment the human delay includes the time
    /// the first rep let pass, which is what the prospect experienced.
    /// </remarks>
    public static LeadVelocity Of(Lead lead) => new(
        lead.RepNotifiedAt - lead.CapturedAt,
        lead.RepAcceptedAt - lead.RepNotifiedAt,
        lead.RepAcceptedAt - lead.CapturedAt);
}
