using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// Reads the audit trail for the KPIs: which <see cref="FunnelStep"/> an event is, and a stable key per event (the
/// projections' idempotency marker). Both the incremental projection and the daily recomputation read events only
/// through here, so they can't disagree on what an event means.
/// </summary>
public static class KpiEventTypes
{
    /// <summary>
    /// The event's type as its wire name (<see cref="LeadEventType"/> through <see cref="WireNames"/>): the KPI mapping
    /// below is written in the words the audit trail stores.
    /// </summary>
    public static string TypeName(LeadEvent e) => WireNames.Of(e.Type);

    /// <summary>The funnel step an event records, or null for events the KPIs ignore (touches, mails, BANT notes).</summary>
    public static FunnelStep? Classify(LeadEvent e) => TypeName(e) switch
    {
        "captured" => FunnelStep.Captured,
        "screened" => ScreenedStatus(e.Detail),
        "assigned" => FunnelStep.Assigned,
        "accepted" => FunnelStep.Accepted,
        "qualified_sql" => FunnelStep.Sql,
        "qualified_sal" => FunnelStep.Sal,
        "opportunity_created" => FunnelStep.Opportunity,
        "won" => FunnelStep.Won,
        "lost" => FunnelStep.Lost,
        "nurtured" or "recycled" => FunnelStep.Nurture,
        "disqualified" => Disqualified(e.Detail),
        "retouched" or "returned_to_sales" => FunnelStep.Mql,
        "released" => FunnelStep.Released,
        "spam_confirmed" => FunnelStep.Spam,
        "sla_reminded" or "sla_escalated" => FunnelStep.SlaBreach,
        _ => null,
    };

    /// <summary>
    /// A stable key for one event of one lead: its time, type and a short hash of its detail. The same event delivered
    /// twice gets the same key (the projection's marker row), two events of one save get different keys.
    /// </summary>
    public static string KeyOf(LeadEvent e)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(TypeName(e) + "\n" + e.Actor + "\n" + e.Detail), hash);
        return $"{e.At.UtcTicks:D19}-{TypeName(e)}-{Convert.ToHexStringLower(hash[..6])}";
    }

    // The screening event says where the lead went: "intent=… status=mql confidence=…" (ScreenLeadHandler).
    private static FunnelStep? ScreenedStatus(string? detail)
    {
        if (detail is null) return null;
        int at = detail.IndexOf("status=", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = detail.AsSpan(at + "status=".Length);
        int end = rest.IndexOf(' ');
        var word = (end < 0 ? rest : rest[..end]).ToString();
        if (!WireNames.TryParse<LeadStatus>(word, out var status)) return null;
        return status switch
        {
            LeadStatus.Spam => FunnelStep.Spam,
            LeadStatus.RoutedService => FunnelStep.Service,
            LeadStatus.RoutedHr => FunnelStep.Hr,
            LeadStatus.RoutedOther => FunnelStep.Other,
            LeadStatus.Mql => FunnelStep.Mql,
            LeadStatus.Review => FunnelStep.Review,
            _ => null,
        };
    }

    // A disqualification's detail is its reason; the reason decides the status, as LeadQualifier.Disqualify does.
    private static FunnelStep? Disqualified(string? detail) =>
        WireNames.TryParse<DisqualifyReason>(detail, out var reason)
            ? reason switch
            {
                DisqualifyReason.Spam => FunnelStep.Spam,
                DisqualifyReason.Duplicate or DisqualifyReason.WrongPerson => FunnelStep.Lost,
                _ => FunnelStep.Nurture,
            }
            : null;
}
