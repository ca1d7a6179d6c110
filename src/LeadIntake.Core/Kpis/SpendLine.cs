using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// One line of the spend ledger. Its identity is month + channel + source + campaign + kind: entering the same line
/// again replaces the amount (idempotent imports). Source and campaign are normalised like the leads' UTM values.
/// </summary>
public sealed record SpendLine(KpiMonth Month, Channel Channel, string Source, string Campaign, SpendKind Kind, decimal Amount, string Currency)
{
    public string IdentityKey => $"{Month.Key}|{WireNames.Of(Channel)}|{Source}|{Campaign}|{WireNames.Of(Kind)}";
}
