namespace LeadIntake.Core.Leads;

/// <summary>What the sender wants: decides who receives the lead (DESIGN §1).</summary>
public enum LeadIntent
{
    Commercial,
    Service,
    Hr,
    Other,
    Spam,
}
