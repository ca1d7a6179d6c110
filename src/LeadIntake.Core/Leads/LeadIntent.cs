namespace LeadIntake.Core.Leads;

/// <summary>What the sender wants: decides who receives the lead (docs/architecture.md, 'Vocabulary').</summary>
public enum LeadIntent
{
    Commercial,
    Service,
    Hr,
    Other,
    Spam,
}
